public import Foundation

/// How a parent competency (CASE `isChildOf`) gets its mastery, chosen per parent as Moodle does.
public enum Rollup: Sendable, Hashable, Codable {
    /// Mastered when every child is mastered.
    case all
    /// Mastered when the mastered children's weights reach `required` points; a child missing
    /// from `weights` weighs 1.
    case points(required: Score, weights: [CompetencyID: Score])
    /// The parent is rated directly, like a leaf.
    case none

    /// A child's mastery as the rollup sees it.
    public struct Child: Sendable, Hashable {
        /// The child competency.
        public let competencyID: CompetencyID
        /// Its status.
        public let status: MasteryStatus
        /// When it was first mastered, if it was.
        public let firstMasteredAt: Date?

        /// Makes a child entry.
        public init(competencyID: CompetencyID, status: MasteryStatus, firstMasteredAt: Date?) {
            self.competencyID = competencyID
            self.status = status
            self.firstMasteredAt = firstMasteredAt
        }
    }

    /// What a rollup concluded, and the numbers behind it (its explanation).
    public struct Outcome: Sendable, Hashable {
        /// The parent's status.
        public let status: MasteryStatus
        /// When the parent became mastered: the instant the last needed child was mastered.
        public let firstMasteredAt: Date?
        /// Children mastered, in the order given.
        public let masteredChildren: [CompetencyID]
        /// Points earned by mastered children (`all`: their number).
        public let earnedPoints: Score
        /// Points needed (`all`: the number of children).
        public let requiredPoints: Score
    }

    /// Weight of a child (1 unless configured).
    public func weight(of child: CompetencyID) -> Score {
        if case .points(_, let weights) = self { return weights[child] ?? 1 }
        return 1
    }

    /// Rolls children up into the parent's status. `none` is rated directly, so it only reports
    /// the children's counts and leaves the status `notStarted` (the caller uses the direct rating).
    /// A parent with no children is never mastered by rollup (nothing was shown).
    public func evaluate(children: [Child]) -> Outcome {
        let mastered = children.filter { $0.status == .mastered }
        let earned = mastered.reduce(Score(hundredths: 0)) { $0 + weight(of: $1.competencyID) }
        let required: Score = switch self {
        case .all, .none: Score(integerLiteral: children.count)
        case .points(let required, _): required
        }
        let isMastered: Bool = switch self {
        case .all: !children.isEmpty && mastered.count == children.count
        case .points: !children.isEmpty && earned >= required
        case .none: false
        }
        var when: Date?
        if isMastered {
            // The moment the running total of weights (in first-mastered order) reached the requirement.
            var running = Score(hundredths: 0)
            for child in mastered.sorted(by: { ($0.firstMasteredAt ?? .distantFuture) < ($1.firstMasteredAt ?? .distantFuture) }) {
                running = running + weight(of: child.competencyID)
                if running >= required {
                    when = child.firstMasteredAt
                    break
                }
            }
        }
        let started = children.contains { $0.status != .notStarted }
        let status: MasteryStatus = isMastered ? .mastered : (started && self != .none ? .inProgress : .notStarted)
        return Outcome(status: status, firstMasteredAt: when, masteredChildren: mastered.map(\.competencyID),
                       earnedPoints: earned, requiredPoints: required)
    }
}
