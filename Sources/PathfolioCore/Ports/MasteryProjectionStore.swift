/// Where mastery states (the projection of the ledger) are kept.
public protocol MasteryProjectionStore: Sendable {
    /// The stored states of a learner for these competencies (missing ones are not started).
    func states(of learner: PersonID, for competencies: [CompetencyID]) async throws -> [MasteryState]
    /// Inserts or replaces states, in the caller's transaction.
    func save(_ states: [MasteryState]) async throws
}
