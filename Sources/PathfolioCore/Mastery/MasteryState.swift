public import Foundation

/// The projection of the ledger for one (learner, competency): what the progress pages,
/// plans and transcripts read (SPEC §1.4).
public struct MasteryState: Sendable, Hashable, Codable {
    /// The learner.
    public let learnerID: PersonID
    /// The competency.
    public let competencyID: CompetencyID
    /// Two-place score, or `nil` when there is none yet.
    public let score: Score?
    /// The highest scale level whose points are ≤ the score.
    public let level: ProficiencyScale.Level?
    /// Not started, in progress or mastered — judged on the rounded score.
    public let status: MasteryStatus
    /// The first moment the counted reviews (in review order) gave a mastered score.
    public let firstMasteredAt: Date?
    /// Number of counted reviews.
    public let contributingReviewCount: Int
    /// Recording time of the latest counted review.
    public let latestReviewAt: Date?

    /// Makes a state (the Postgres adapter rebuilds stored projections with this).
    public init(learnerID: PersonID, competencyID: CompetencyID, score: Score?, level: ProficiencyScale.Level?,
                status: MasteryStatus, firstMasteredAt: Date?, contributingReviewCount: Int, latestReviewAt: Date?) {
        self.learnerID = learnerID
        self.competencyID = competencyID
        self.score = score
        self.level = level
        self.status = status
        self.firstMasteredAt = firstMasteredAt
        self.contributingReviewCount = contributingReviewCount
        self.latestReviewAt = latestReviewAt
    }

    /// The state of a learner with no counted review.
    public static func notStarted(learner: PersonID, competency: CompetencyID) -> MasteryState {
        MasteryState(learnerID: learner, competencyID: competency, score: nil, level: nil, status: .notStarted,
                      firstMasteredAt: nil, contributingReviewCount: 0, latestReviewAt: nil)
    }
}
