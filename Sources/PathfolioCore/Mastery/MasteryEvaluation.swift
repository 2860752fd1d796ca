public import Foundation

/// A mastery state computed from the ledger, with its explanation: the pure heart of SPEC §1.4.
///
/// Cost: O(r log r) to sort the r reviews, then one O(r) pass that yields both the score and
/// the date first mastered; every value is exact (``ExactRational``) until the single rounding.
public struct MasteryEvaluation: Sendable, Equatable {
    /// The state.
    public let state: MasteryState
    /// Why.
    public let explanation: MasteryExplanation

    /// Evaluates one learner's reviews of one competency.
    /// - Parameters:
    ///   - reviews: the learner's reviews of this competency (any order; others are ignored).
    ///   - method: the mastery method for this competency.
    ///   - scale: the competency's scale (threshold and levels).
    ///   - asOf: ignore reviews recorded after this instant; `nil` for now.
    public init(learner: PersonID, competency: CompetencyID, reviews: [Review], method: MasteryMethod,
                scale: ProficiencyScale, asOf: Date? = nil) {
        let own = reviews.filter { $0.learnerID == learner && $0.competencyID == competency }
        let selection = ReviewSelection(reviews: own, asOf: asOf)
        let threshold = ExactRational(scale.masteryThreshold)!
        var accumulator = MasteryAccumulator(method: method, threshold: threshold)
        // rounded(v) ≥ T  ⇔  ⌊100v + ½⌋ ≥ 100T  ⇔  v ≥ T − 1/200 (T has two places): so each
        // prefix is judged by one exact comparison, and the only rounding is the final one.
        let masteredFrom: ExactRational? = scale.masteryThreshold.hundredths == 0
            ? nil : ExactRational(scale.masteryThreshold.hundredths * 2 - 1, over: 200)
        var firstMasteredAt: Date?
        var points: [ExactRational] = []
        points.reserveCapacity(selection.counted.count)
        for review in selection.counted {
            let x = ExactRational(review.points)!  // the selection excludes negative points
            points.append(x)
            accumulator.append(x)
            if firstMasteredAt == nil, let exact = accumulator.exactScore, masteredFrom.map({ exact >= $0 }) ?? true {
                firstMasteredAt = review.recordedAt
            }
        }
        let exact = accumulator.exactScore
        let score = exact?.rounded()
        let status: MasteryStatus = if selection.counted.isEmpty {
            .notStarted
        } else if let score, scale.isMastered(score) {
            .mastered
        } else {
            .inProgress
        }
        let used: [Bool] = points.map { x in
            if case .nMastery = method { return accumulator.qualifies(x) }
            return true
        }
        let usedPoints = zip(points, used).filter(\.1).map(\.0)
        var needed: Int?
        if case .nMastery(let n) = method, score == nil, !selection.counted.isEmpty {
            needed = n - accumulator.qualifyingCount
        }
        state = MasteryState(
            learnerID: learner, competencyID: competency, score: score, level: score.flatMap { scale.level(for: $0) },
            status: status, firstMasteredAt: firstMasteredAt, contributingReviewCount: selection.counted.count,
            latestReviewAt: selection.counted.last?.recordedAt)
        explanation = MasteryExplanation(
            method: method, masteryThreshold: scale.masteryThreshold,
            counted: zip(selection.counted, used).map {
                .init(reviewID: $0.id, points: $0.points, recordedAt: $0.recordedAt, isUsed: $1)
            },
            excluded: selection.excluded,
            steps: score == nil ? [] : MasteryExplanation.steps(for: method, points: usedPoints),
            exactScore: exact, score: score, qualifyingScoresNeeded: needed)
    }
}
