public import Foundation

/// Why a mastery state is what it is: the reviews that counted, those left out and why, the
/// method and its parameter, and the arithmetic as steps — enough to recompute the score by hand
/// or with ``recomputedScore()``.
public struct MasteryExplanation: Sendable, Equatable {
    /// One operation on the running value `v`, with the exact value after it.
    public struct Step: Sendable, Equatable, CustomStringConvertible {
        /// The operation.
        public enum Operation: Sendable, Equatable {
            /// `v = x`.
            case start(ExactRational)
            /// `v = v + x`.
            case add(ExactRational)
            /// `v = max(v, x)`.
            case keepHigher(ExactRational)
            /// `v = v × r`.
            case multiply(by: ExactRational)
            /// `v = v ÷ r`.
            case divide(by: ExactRational)
            /// `v = v + x × w`.
            case addWeighted(ExactRational, weight: ExactRational)

            /// Applies the operation to `value` (`nil` before the first step).
            public func apply(to value: ExactRational?) -> ExactRational {
                let v = value ?? .zero
                return switch self {
                case .start(let x): x
                case .add(let x): v + x
                case .keepHigher(let x): max(v, x)
                case .multiply(let r): v * r
                case .divide(let r): v / r
                case .addWeighted(let x, let w): v + x * w
                }
            }
        }

        /// What is done.
        public let operation: Operation
        /// The exact running value afterwards.
        public let result: ExactRational

        /// E.g. `v = v × 7/20 + 3 × 13/20 = 2.65` (exact, not rounded).
        public var description: String {
            let formula = switch operation {
            case .start(let x): "v = \(x)"
            case .add(let x): "v = v + \(x)"
            case .keepHigher(let x): "v = max(v, \(x))"
            case .multiply(let r): "v = v × \(r)"
            case .divide(let r): "v = v ÷ \(r)"
            case .addWeighted(let x, let w): "v = v + \(x) × \(w)"
            }
            return "\(formula) → \(result)"
        }
    }

    /// A counted review as the explanation shows it.
    public struct CountedReview: Sendable, Hashable {
        /// The review.
        public let reviewID: ReviewID
        /// Its points.
        public let points: Score
        /// When it was recorded.
        public let recordedAt: Date
        /// Whether it entered the arithmetic (`n_mastery` uses only scores at or above the threshold).
        public let isUsed: Bool
    }

    /// The method and its parameter.
    public let method: MasteryMethod
    /// The scale's mastery threshold.
    public let masteryThreshold: Score
    /// Counted reviews in review order.
    public let counted: [CountedReview]
    /// Reviews left out, and why.
    public let excluded: [ReviewSelection.Exclusion]
    /// The arithmetic, in order; empty when there is no score.
    public let steps: [Step]
    /// The exact value before rounding, if there is a score.
    public let exactScore: ExactRational?
    /// The score: ``exactScore`` rounded once, to two places, half away from zero.
    public let score: Score?
    /// For `n_mastery` before a score exists: how many more qualifying scores are needed.
    public let qualifyingScoresNeeded: Int?

    /// Replays ``steps`` from scratch and rounds: equal to ``score`` by construction, and checked
    /// so in the tests (the steps are built separately from the running computation).
    public func recomputedScore() -> Score? {
        guard !steps.isEmpty else { return nil }
        var value: ExactRational?
        for step in steps { value = step.operation.apply(to: value) }
        return value?.rounded()
    }

    /// Lines a person reads: method, each step, the rounding, or what is missing.
    public var lines: [String] {
        var lines = ["method: \(method)", "counted reviews: \(counted.count)"]
        lines += steps.map(\.description)
        if let exactScore, let score {
            lines.append("score = \(exactScore) rounded half away from zero to two places = \(score)")
        } else if let needed = qualifyingScoresNeeded {
            lines.append("no score yet: \(needed) more score(s) at or above \(masteryThreshold) needed")
        } else {
            lines.append("no score: no review counts")
        }
        return lines
    }

    /// Writes the steps of `method` over `points` (already in review order); independent of
    /// ``MasteryAccumulator`` on purpose so each checks the other.
    static func steps(for method: MasteryMethod, points: [ExactRational]) -> [Step] {
        guard let first = points.first else { return [] }
        var operations: [Step.Operation] = []
        switch method {
        case .latest:
            operations = [.start(points[points.count - 1])]
        case .highest:
            operations = [.start(first)] + points.dropFirst().map { .keepHigher($0) }
        case .average, .nMastery:
            operations = [.start(first)] + points.dropFirst().map { .add($0) }
            if points.count > 1 { operations.append(.divide(by: ExactRational(points.count))) }
        case .weightedAverage(let p):
            if points.count == 1 {
                operations = [.start(first)]
            } else {
                let earlier = points.dropLast()
                operations = [.start(first)] + earlier.dropFirst().map { .add($0) }
                if earlier.count > 1 { operations.append(.divide(by: ExactRational(earlier.count))) }
                operations.append(.multiply(by: ExactRational(100 - p, over: 100)))
                operations.append(.addWeighted(points[points.count - 1], weight: ExactRational(p, over: 100)))
            }
        case .decayingAverage(let p):
            operations = [.start(first)]
            for x in points.dropFirst() {
                operations.append(.multiply(by: ExactRational(100 - p, over: 100)))
                operations.append(.addWeighted(x, weight: ExactRational(p, over: 100)))
            }
        }
        var value: ExactRational?
        return operations.map { operation in
            let next = operation.apply(to: value)
            value = next
            return Step(operation: operation, result: next)
        }
    }
}
