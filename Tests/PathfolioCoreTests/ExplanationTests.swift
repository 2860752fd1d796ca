import Foundation
import Testing
import PathfolioCore

@Suite("Explanations recompute their score")
struct ExplanationTests {
    @Test func weightedAverageStepsShowTheArithmetic() {
        let explanation = evaluate(.weightedAverage(percent: 65), reviews([1, 2, 4])).explanation
        #expect(explanation.steps.map(\.description) == [
            "v = 1 → 1",
            "v = v + 2 → 3",
            "v = v ÷ 2 → 1.5",
            "v = v × 0.35 → 0.525",
            "v = v + 4 × 0.65 → 3.125",
        ])
        #expect(explanation.exactScore == ExactRational(3125, over: 1000))
        #expect(explanation.score == Score("3.13"))
        #expect(explanation.lines.last == "score = 3.125 rounded half away from zero to two places = 3.13")
        #expect(explanation.method == .weightedAverage(percent: 65))
    }

    @Test func decayingStepsFoldEachScore() {
        let explanation = evaluate(.decayingAverage(percent: 65), reviews([1, 2, 4])).explanation
        #expect(explanation.steps.map(\.result) == [
            ExactRational(1), ExactRational(35, over: 100), ExactRational(165, over: 100),
            ExactRational(5775, over: 10000), ExactRational(31775, over: 10000),
        ])
        #expect(explanation.recomputedScore() == Score("3.18"))
    }

    @Test func averageOfThreeKeepsTheRepeatingDecimalExact() {
        let explanation = evaluate(.average, reviews([1, 2, 2])).explanation
        #expect(explanation.exactScore?.description == "5/3")
        #expect(explanation.recomputedScore() == Score("1.67"))
    }

    @Test func stepsReplayedByHandGiveTheScore() {
        // Replaying the operations from nothing must land on the same exact value.
        let explanation = evaluate(.highest, reviews([2, 4, 3])).explanation
        var value: ExactRational?
        for step in explanation.steps { value = step.operation.apply(to: value) }
        #expect(value == ExactRational(4))
        #expect(explanation.steps.first?.operation == .start(ExactRational(2)))
    }
}
