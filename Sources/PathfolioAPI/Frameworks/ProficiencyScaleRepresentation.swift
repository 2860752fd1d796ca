public import PathfolioCore

/// A proficiency scale as the API shows it: levels lowest first, points as two-place
/// decimal strings (exact, as the core keeps them).
public struct ProficiencyScaleRepresentation: Sendable, Hashable, Encodable {
    /// One level.
    public struct Level: Sendable, Hashable, Encodable {
        /// E.g. `Proficient`.
        public let label: String
        /// E.g. `"3.00"`.
        public let points: String
    }

    /// The levels, lowest first.
    public let levels: [Level]
    /// Points of the lowest level that counts as mastered.
    public let masteryThreshold: String

    /// The representation of `scale`.
    public init(_ scale: ProficiencyScale) {
        levels = scale.levels.map { Level(label: $0.label, points: $0.points.description) }
        masteryThreshold = scale.masteryThreshold.description
    }
}
