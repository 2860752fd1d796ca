public import PathfolioCore

/// A mastery policy as the API shows it (SPEC §1.4): the method and its parameter, the
/// per-competency overrides, and the rollups. Per-competency lists are ordered by id.
public struct MasteryPolicyRepresentation: Sendable, Hashable, Encodable {
    /// A method for one competency.
    public struct MethodOverride: Sendable, Hashable, Encodable {
        /// The competency.
        public let competencyId: String
        /// `latest`, `highest`, `average`, `n_mastery`, `weighted_average`, `decaying_average`.
        public let method: String
        /// `n` or `p` for the methods that take one.
        public let parameter: Int?
    }

    /// How a parent's mastery follows from its children.
    public struct RollupRepresentation: Sendable, Hashable, Encodable {
        /// A child's weight in a `points` rollup (children not listed weigh 1).
        public struct Weight: Sendable, Hashable, Encodable {
            /// The child competency.
            public let competencyId: String
            /// Its weight, a two-place decimal string.
            public let weight: String
        }

        /// `all`, `points` or `none`.
        public let kind: String
        /// For `points`: the points the mastered children must reach.
        public let requiredPoints: String?
        /// For `points`: the configured weights.
        public let weights: [Weight]?

        /// The representation of `rollup`.
        public init(_ rollup: Rollup) {
            switch rollup {
            case .all:
                kind = "all"; requiredPoints = nil; weights = nil
            case .none:
                kind = "none"; requiredPoints = nil; weights = nil
            case .points(let required, let configured):
                kind = "points"
                requiredPoints = required.description
                weights = configured.sorted { $0.key < $1.key }
                    .map { Weight(competencyId: $0.key.description, weight: $0.value.description) }
            }
        }
    }

    /// A parent's own rollup.
    public struct ParentRollup: Sendable, Hashable, Encodable {
        /// The parent competency.
        public let competencyId: String
        /// Its rollup.
        public let rollup: RollupRepresentation
    }

    /// The framework-wide method.
    public let method: String
    /// Its parameter, for the methods that take one.
    public let parameter: Int?
    /// Competencies scored by another method.
    public let methodOverrides: [MethodOverride]
    /// The rollup of a parent nobody configured.
    public let defaultRollup: RollupRepresentation
    /// Parents with their own rollup.
    public let rollups: [ParentRollup]

    /// The representation of `policy`.
    public init(_ policy: MasteryPolicy) {
        method = policy.method.name
        parameter = policy.method.parameter
        methodOverrides = policy.methodOverrides.sorted { $0.key < $1.key }
            .map { MethodOverride(competencyId: $0.key.description, method: $0.value.name, parameter: $0.value.parameter) }
        defaultRollup = RollupRepresentation(policy.defaultRollup)
        rollups = policy.rollups.sorted { $0.key < $1.key }
            .map { ParentRollup(competencyId: $0.key.description, rollup: RollupRepresentation($0.value)) }
    }
}
