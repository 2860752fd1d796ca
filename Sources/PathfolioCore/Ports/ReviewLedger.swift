/// The append-only ledger of reviews. A store instance works inside one institution's
/// transaction (the adapter sets the tenant), so institutions never appear in the calls.
public protocol ReviewLedger: Sendable {
    /// Records a review, assigning its recording time and sequence, and returns it as stored.
    func record(_ draft: ReviewDraft) async throws -> Review
    /// A learner's reviews of these competencies (all of them, superseded ones included: the
    /// core decides what counts).
    func reviews(of learner: PersonID, for competencies: [CompetencyID]) async throws -> [Review]
    /// Every review of these competencies by these learners (policy preview, rebuilds).
    func reviews(of learners: [PersonID], for competencies: [CompetencyID]) async throws -> [Review]
}
