import Foundation
import Testing
import PathfolioCore

/// Invariants over many seeded random ledgers (SplitMix64, reproducible from the seed).
@Suite("Mastery properties")
struct PropertyTests {
    static let methods: [MasteryMethod] = [.latest, .highest, .average, .nMastery(2), .nMastery(3),
                                           .weightedAverage(percent: 65), .weightedAverage(percent: 30),
                                           .decayingAverage(percent: 65), .decayingAverage(percent: 20)]

    /// A random scale (2–6 levels, points in hundredths, increasing) and a random ledger on it,
    /// with clustered timestamps (so equal times happen) and some corrections.
    static func randomCase(_ g: inout SplitMix64) -> (ProficiencyScale, [Review]) {
        var points: [Score] = []
        var next = Int(g.next() % 150)
        for _ in 0..<(2 + Int(g.next() % 5)) {
            points.append(Score(hundredths: next))
            next += 1 + Int(g.next() % 175)
        }
        let levels = points.enumerated().map { ProficiencyScale.Level(label: "L\($0.offset)", points: $0.element) }
        let scale = try! ProficiencyScale(levels: levels, masteryThreshold: points[Int(g.next() % UInt64(points.count))])
        var ledger: [Review] = []
        let count = Int(g.next() % 25)
        for n in 0..<count {
            let supersedes = n > 0 && g.next() % 5 == 0 ? Int(g.next() % UInt64(n)) + 1 : nil
            ledger.append(review(n + 1, points[Int(g.next() % UInt64(points.count))], at: Double(g.next() % 8) * 60,
                                 sequence: Int64(n + 1), supersedes: supersedes))
        }
        return (scale, ledger)
    }

    @Test(arguments: methods)
    func scoresStayInsideTheScale(_ method: MasteryMethod) {
        var g = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<150 {
            let (scale, ledger) = PropertyTests.randomCase(&g)
            let state = evaluate(method, ledger, scale: scale).state
            if let score = state.score { #expect(scale.range.contains(score), "\(method) gave \(score) outside \(scale.range)") }
            if state.status == .mastered { #expect(state.firstMasteredAt != nil) }
        }
    }

    @Test(arguments: methods)
    func asOfTheLatestInstantEqualsTheCurrentState(_ method: MasteryMethod) {
        var g = SplitMix64(seed: 7)
        for _ in 0..<150 {
            let (scale, ledger) = PropertyTests.randomCase(&g)
            guard let last = ledger.map(\.recordedAt).max() else { continue }
            #expect(evaluate(method, ledger, asOf: last, scale: scale) == evaluate(method, ledger, scale: scale))
            // …and as-of is monotone in what it knows: as of an earlier instant, later reviews are gone.
            let early = evaluate(method, ledger, asOf: last.addingTimeInterval(-60), scale: scale)
            #expect(early.explanation.counted.allSatisfy { $0.recordedAt <= last.addingTimeInterval(-60) })
        }
    }

    @Test(arguments: methods)
    func permutingTheInputNeverChangesTheResult(_ method: MasteryMethod) {
        var g = SplitMix64(seed: 99)
        for _ in 0..<100 {
            let (scale, ledger) = PropertyTests.randomCase(&g)
            let reference = evaluate(method, ledger, scale: scale)
            var shuffled = ledger
            shuffled.shuffle(using: &g)
            #expect(evaluate(method, shuffled, scale: scale) == reference)
        }
    }

    @Test func equalTimestampsAreOrderedByRecordingSequenceNotByInputOrder() {
        var g = SplitMix64(seed: 5)
        for _ in 0..<100 {
            let values: [Score] = (0..<6).map { _ in Score(integerLiteral: 1 + Int(g.next() % 4)) }
            // All at the same instant; sequence gives the order.
            let same = values.enumerated().map { review($0.offset + 1, $0.element, at: 60, sequence: Int64($0.offset + 1)) }
            let spread = values.enumerated().map { review($0.offset + 1, $0.element, at: Double($0.offset) * 60, sequence: Int64($0.offset + 1)) }
            for method in PropertyTests.methods {
                #expect(evaluate(method, same.shuffled(using: &g)).state.score == evaluate(method, spread).state.score)
            }
        }
    }

    @Test(arguments: methods)
    func explanationRecomputesToTheScore(_ method: MasteryMethod) {
        var g = SplitMix64(seed: 1234)
        for _ in 0..<150 {
            let (scale, ledger) = PropertyTests.randomCase(&g)
            let evaluation = evaluate(method, ledger, scale: scale)
            #expect(evaluation.explanation.recomputedScore() == evaluation.state.score)
            #expect(evaluation.explanation.steps.last?.result == evaluation.explanation.exactScore)
            #expect(evaluation.explanation.counted.count + evaluation.explanation.excluded.count == ledger.count)
        }
    }

    @Test func scoreAndFirstMasteredDateAgreeWithAClosedFormReferenceOnEveryPrefix() {
        // Independent reference: each method recomputed from the counted points with plain
        // fractions (decaying via its closed form), prefix by prefix.
        var g = SplitMix64(seed: 77)
        for _ in 0..<60 {
            let (scale, ledger) = PropertyTests.randomCase(&g)
            let threshold = ExactRational(scale.masteryThreshold)!
            for method in PropertyTests.methods {
                let evaluation = evaluate(method, ledger, scale: scale)
                let counted = evaluation.explanation.counted
                let xs = counted.map { ExactRational($0.points)! }
                #expect(PropertyTests.reference(method, xs, threshold: threshold)?.rounded() == evaluation.state.score)
                let firstPrefix = (0..<xs.count).first { k in
                    PropertyTests.reference(method, Array(xs[...k]), threshold: threshold).map { scale.isMastered($0.rounded()) } ?? false
                }
                #expect(evaluation.state.firstMasteredAt == firstPrefix.map { counted[$0].recordedAt })
            }
        }
    }

    static func reference(_ method: MasteryMethod, _ xs: [ExactRational], threshold: ExactRational) -> ExactRational? {
        guard !xs.isEmpty else { return nil }
        func mean(_ values: ArraySlice<ExactRational>) -> ExactRational {
            values.reduce(ExactRational.zero, +) / ExactRational(values.count)
        }
        switch method {
        case .latest: return xs.last
        case .highest: return xs.max()
        case .average: return mean(xs[...])
        case .nMastery(let n):
            let good = xs.filter { $0 >= threshold }
            return good.count >= n ? mean(good[...]) : nil
        case .weightedAverage(let p):
            guard xs.count > 1 else { return xs[0] }
            return mean(xs.dropLast()) * ExactRational(100 - p, over: 100) + xs.last! * ExactRational(p, over: 100)
        case .decayingAverage(let p):
            // Closed form: v = x₁·q^(n−1) + Σ_{i≥2} xᵢ·r·q^(n−i), with q = 1 − r.
            let r = ExactRational(p, over: 100), q = ExactRational(100 - p, over: 100)
            var total = ExactRational.zero
            for (i, x) in xs.enumerated() {
                var weight = i == 0 ? ExactRational(1) : r
                for _ in 0..<(xs.count - 1 - i) { weight = weight * q }
                total = total + x * weight
            }
            return total
        }
    }
}
