/// A review about to be recorded: everything but the recording time and sequence, which the
/// ledger assigns when it records it (reviews are never backdated).
public struct ReviewDraft: Sendable, Hashable {
    /// The new review's id.
    public let id: ReviewID
    /// The evidence judged.
    public let evidenceID: EvidenceID
    /// The learner.
    public let learnerID: PersonID
    /// The competency judged.
    public let competencyID: CompetencyID
    /// The reviewer.
    public let reviewerID: PersonID
    /// The level's points.
    public let points: Score
    /// Comment.
    public let comment: String
    /// The review this one corrects.
    public let supersedes: ReviewID?

    /// Makes a draft.
    public init(id: ReviewID, evidenceID: EvidenceID, learnerID: PersonID, competencyID: CompetencyID,
                reviewerID: PersonID, points: Score, comment: String = "", supersedes: ReviewID? = nil) {
        self.id = id
        self.evidenceID = evidenceID
        self.learnerID = learnerID
        self.competencyID = competencyID
        self.reviewerID = reviewerID
        self.points = points
        self.comment = comment
        self.supersedes = supersedes
    }
}
