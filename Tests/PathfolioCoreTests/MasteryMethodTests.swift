import Foundation
import Testing
import PathfolioCore

/// Hand-computed tables: points in review order → expected score (nil: none) and status,
/// on the four-point scale (mastered from 3.00).
@Suite("Mastery methods, hand-computed")
struct MasteryMethodTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let method: MasteryMethod
        let points: [String]
        let score: String?
        let status: MasteryStatus
        var testDescription: String { "\(method) over \(points) → \(score ?? "none")" }
        init(_ method: MasteryMethod, _ points: [String], _ score: String?, _ status: MasteryStatus) {
            self.method = method
            self.points = points
            self.score = score
            self.status = status
        }
    }

    static let table: [Row] = [
        // latest: the most recent.
        Row(.latest, ["1", "3", "2"], "2.00", .inProgress),
        Row(.latest, ["2", "4", "3"], "3.00", .mastered),
        Row(.latest, ["4"], "4.00", .mastered),
        // highest.
        Row(.highest, ["1", "3", "2"], "3.00", .mastered),
        Row(.highest, ["2", "1"], "2.00", .inProgress),
        // average: (1+2+2)/3 = 1.666… → 1.67; (3+4+4)/3 = 3.666… → 3.67.
        Row(.average, ["1", "2", "2"], "1.67", .inProgress),
        Row(.average, ["3", "4", "4"], "3.67", .mastered),
        // average ties: 2.125 → 2.13; 3.005 → 3.01; 2.995 → 3.00 — mastered on the rounded score.
        Row(.average, ["2.25", "2"], "2.13", .inProgress),
        Row(.average, ["3.01", "3"], "3.01", .mastered),
        Row(.average, ["2.99", "3"], "3.00", .mastered),
        Row(.average, ["2.98", "3"], "2.99", .inProgress),
        // n_mastery(2): mean of scores ≥ 3 once there are 2 of them.
        Row(.nMastery(2), ["3", "1", "4"], "3.50", .mastered),
        Row(.nMastery(2), ["3", "1"], nil, .inProgress),
        Row(.nMastery(2), ["1", "2"], nil, .inProgress),
        Row(.nMastery(3), ["4", "4", "3", "2"], "3.67", .mastered),
        Row(.nMastery(1), ["2", "3"], "3.00", .mastered),
        // weighted_average(65): 0.35·mean(earlier) + 0.65·latest.
        Row(.weightedAverage(percent: 65), ["2"], "2.00", .inProgress),          // single score: that score
        Row(.weightedAverage(percent: 65), ["2", "4"], "3.30", .mastered),       // 0.7 + 2.6
        Row(.weightedAverage(percent: 65), ["1", "2", "4"], "3.13", .mastered),  // 0.525 + 2.6 = 3.125 → tie up
        Row(.weightedAverage(percent: 65), ["4", "4", "1"], "2.05", .inProgress),// 1.4 + 0.65
        Row(.weightedAverage(percent: 50), ["2.25", "2"], "2.13", .inProgress),  // 2.125 → 2.13
        // decaying_average(65): v ← 0.35·v + 0.65·x from the first score.
        Row(.decayingAverage(percent: 65), ["2"], "2.00", .inProgress),
        Row(.decayingAverage(percent: 65), ["2", "4"], "3.30", .mastered),
        Row(.decayingAverage(percent: 65), ["4", "2"], "2.70", .inProgress),     // order matters
        Row(.decayingAverage(percent: 65), ["1", "2", "4"], "3.18", .mastered),  // 1 → 1.65 → 3.1775
        Row(.decayingAverage(percent: 50), ["2.25", "2"], "2.13", .inProgress),  // 2.125 tie
        Row(.decayingAverage(percent: 30), ["4", "1", "1"], "2.47", .inProgress),// 4 → 3.1 → 2.47
    ]

    @Test(arguments: table)
    func methodComputesHandScore(_ row: Row) {
        let evaluation = evaluate(row.method, reviews(row.points.map { Score($0)! }))
        #expect(evaluation.state.score == row.score.map { Score($0)! })
        #expect(evaluation.state.status == row.status)
        #expect(evaluation.state.contributingReviewCount == row.points.count)
        #expect(evaluation.explanation.recomputedScore() == evaluation.state.score)
    }

    @Test func decayingAverageIsOrderSensitive() {
        let forward = evaluate(.decayingAverage(percent: 65), reviews([2, 4]))
        let backward = evaluate(.decayingAverage(percent: 65), reviews([4, 2]))
        #expect(forward.state.score == Score("3.30"))
        #expect(backward.state.score == Score("2.70"))
        // …while the plain average is not.
        #expect(evaluate(.average, reviews([2, 4])).state.score == evaluate(.average, reviews([4, 2])).state.score)
    }

    @Test func decayingAverageStaysExactOverManyReviews() {
        // Reference values computed with Python's fractions.Fraction and the same formula.
        let forty: [Score] = [3, 2, 4, 1, 1, 1, 3, 1, 2, 1, 1, 4, 4, 1, 2, 1, 4, 1, 1, 2, 1, 4, 1, 2, 1, 2, 3, 4, 2, 1,
                              3, 2, 1, 2, 3, 1, 1, 1, 2, 4]
        #expect(evaluate(.decayingAverage(percent: 65), reviews(forty)).state.score == Score("3.19"))
        let sixty: [Score] = [3, 3, 3, 4, 4, 1, 1, 3, 4, 1, 1, 3, 4, 3, 4, 3, 1, 4, 3, 2, 1, 4, 1, 2, 3, 2, 2, 4, 4, 4,
                              1, 2, 4, 4, 3, 2, 4, 3, 4, 3, 4, 2, 2, 1, 2, 2, 2, 2, 1, 4, 2, 3, 3, 1, 2, 4, 3, 3, 2, 1]
        #expect(evaluate(.decayingAverage(percent: 50), reviews(sixty)).state.score == Score("1.75"))
        // Thirty reviews of 2.25 then one of 2.00 at 50 %: exactly 2.125 after 31 folds → 2.13.
        let tie = Array(repeating: Score("2.25")!, count: 30) + [2]
        let evaluation = evaluate(.decayingAverage(percent: 50), reviews(tie))
        #expect(evaluation.explanation.exactScore == ExactRational(2125, over: 1000))
        #expect(evaluation.state.score == Score("2.13"))
    }

    @Test func levelIsTheHighestLevelAtOrBelowTheRoundedScore() {
        #expect(evaluate(.average, reviews([3, 4])).state.level?.label == "Proficient")   // 3.50
        #expect(evaluate(.average, reviews(["2.99", "3"].map { Score($0)! })).state.level?.label == "Proficient") // 3.00
        #expect(evaluate(.average, reviews([1, 2])).state.level?.label == "Beginning")    // 1.50
        #expect(evaluate(.highest, reviews([4])).state.level?.label == "Advanced")
    }

    @Test func nMasteryExplainsHowManyMoreAreNeeded() {
        let evaluation = evaluate(.nMastery(3), reviews([3, 1, 4]))
        #expect(evaluation.state.score == nil)
        #expect(evaluation.state.status == .inProgress)
        #expect(evaluation.explanation.qualifyingScoresNeeded == 1)
        #expect(evaluation.explanation.steps.isEmpty)
        #expect(evaluation.explanation.counted.map(\.isUsed) == [true, false, true])
        #expect(evaluation.explanation.lines.last == "no score yet: 1 more score(s) at or above 3.00 needed")
    }

    @Test func noReviewsMeansNotStarted() {
        for method in [MasteryMethod.latest, .highest, .average, .nMastery(1), .weightedAverage(percent: 65), .decayingAverage(percent: 65)] {
            let evaluation = evaluate(method, [])
            #expect(evaluation.state.status == .notStarted)
            #expect(evaluation.state.score == nil)
            #expect(evaluation.state.firstMasteredAt == nil)
        }
    }

    @Test func methodsParseFromTheirAPINamesAndRefuseBadParameters() throws {
        #expect(try MasteryMethod(name: "n_mastery", parameter: 3) == .nMastery(3))
        #expect(try MasteryMethod(name: "decaying_average", parameter: 65) == .decayingAverage(percent: 65))
        #expect(throws: MasteryMethod.Invalid.percentOutOfRange(100, allowed: 1...99)) {
            try MasteryMethod(name: "weighted_average", parameter: 100)
        }
        #expect(throws: MasteryMethod.Invalid.countOutOfRange(0, allowed: 1...99)) {
            try MasteryMethod(name: "n_mastery", parameter: 0)
        }
        #expect(throws: MasteryMethod.Invalid.unknownMethod("median", allowed: MasteryMethod.names)) {
            try MasteryMethod(name: "median", parameter: nil)
        }
        #expect(throws: MasteryMethod.Invalid.parameter(method: "latest", takesParameter: false)) {
            try MasteryMethod(name: "latest", parameter: 2)
        }
        let json = try JSONEncoder().encode(MasteryMethod.weightedAverage(percent: 65))
        #expect(try JSONDecoder().decode(MasteryMethod.self, from: json) == .weightedAverage(percent: 65))
        #expect(MasteryPolicy().method == .highest)
    }
}
