public import Foundation

/// An assessor's judgement of one piece of evidence against one competency. Append-only: a
/// correction is a new review that ``supersedes`` an earlier one.
///
/// **Review order** (used by every mastery method): by ``recordedAt``, then by
/// ``recordingSequence`` — the ledger's monotonically increasing number assigned as each review
/// is recorded (a PostgreSQL `bigserial`), so two reviews recorded in the same microsecond keep
/// the order in which they were recorded — and, should two ever carry the same sequence, by id,
/// so the order is total and the same on every machine.
public struct Review: Sendable, Hashable, Codable {
    /// The review's id.
    public let id: ReviewID
    /// The evidence judged.
    public let evidenceID: EvidenceID
    /// The learner whose evidence it is.
    public let learnerID: PersonID
    /// The competency judged.
    public let competencyID: CompetencyID
    /// Who judged.
    public let reviewerID: PersonID
    /// The points of the scale level given (kept as points, so a later scale change cannot
    /// rewrite the past).
    public let points: Score
    /// The assessor's comment.
    public let comment: String
    /// When the service recorded it (never backdated).
    public let recordedAt: Date
    /// The ledger's recording order; the tie-break for equal ``recordedAt``.
    public let recordingSequence: Int64
    /// The earlier review this one corrects.
    public let supersedes: ReviewID?

    /// Makes a review.
    public init(id: ReviewID, evidenceID: EvidenceID, learnerID: PersonID, competencyID: CompetencyID,
                reviewerID: PersonID, points: Score, comment: String = "", recordedAt: Date,
                recordingSequence: Int64, supersedes: ReviewID? = nil) {
        self.id = id
        self.evidenceID = evidenceID
        self.learnerID = learnerID
        self.competencyID = competencyID
        self.reviewerID = reviewerID
        self.points = points
        self.comment = comment
        self.recordedAt = recordedAt
        self.recordingSequence = recordingSequence
        self.supersedes = supersedes
    }

    /// Whether `self` comes before `other` in review order.
    public func precedes(_ other: Review) -> Bool {
        if recordedAt != other.recordedAt { return recordedAt < other.recordedAt }
        if recordingSequence != other.recordingSequence { return recordingSequence < other.recordingSequence }
        return id < other.id
    }

    /// Why a review cannot be recorded.
    public enum Refusal: Error, Sendable, Equatable {
        /// The evidence does not claim this competency; it claims these.
        case competencyNotClaimed(CompetencyID, claimed: [CompetencyID])
        /// The points are not a level of the competency's scale; these are.
        case notALevel(Score, allowed: [Score])
        /// Evidence in this status cannot be reviewed; these statuses can.
        case evidenceNotReviewable(EvidenceStatus, reviewable: [EvidenceStatus])
        /// A correction must supersede an earlier review of the same learner and competency.
        case supersedesAnotherPair(ReviewID)
    }

    /// Evidence statuses that accept reviews.
    public static let reviewableStatuses: [EvidenceStatus] = [.inReview, .accepted]

    /// Checks the rules for recording this review against its evidence and scale.
    /// - Parameter superseded: the review named by ``supersedes``, when there is one.
    public func validate(against evidence: Evidence, scale: ProficiencyScale, superseded: Review?) throws(Refusal) {
        guard evidence.competencies.contains(competencyID) else {
            throw .competencyNotClaimed(competencyID, claimed: evidence.competencies)
        }
        guard Review.reviewableStatuses.contains(evidence.status) else {
            throw .evidenceNotReviewable(evidence.status, reviewable: Review.reviewableStatuses)
        }
        guard scale.level(withPoints: points) != nil else {
            throw .notALevel(points, allowed: scale.levels.map(\.points))
        }
        if let supersedes {
            guard let superseded, superseded.id == supersedes, superseded.learnerID == learnerID,
                  superseded.competencyID == competencyID, superseded.precedes(self)
            else { throw .supersedesAnotherPair(supersedes) }
        }
    }
}
