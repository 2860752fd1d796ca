/// An ordered list of levels with points, and the mastery threshold (SPEC §1.2).
public struct ProficiencyScale: Sendable, Hashable, Codable {
    /// One level of a scale: a label and its points.
    public struct Level: Sendable, Hashable, Codable {
        /// What teachers call it, e.g. `Proficient`.
        public let label: String
        /// Its points, e.g. `3.00`.
        public let points: Score

        /// Makes a level.
        public init(label: String, points: Score) {
            self.label = label
            self.points = points
        }
    }

    /// Why a scale was refused.
    public enum Invalid: Error, Sendable, Equatable {
        /// A scale needs at least one level.
        case noLevels
        /// Points must be ≥ 0 (scores are never negative).
        case negativePoints(Score)
        /// Levels must be listed with strictly increasing points.
        case pointsNotIncreasing(Score, after: Score)
        /// The threshold must be one of the levels' points; these are the allowed values.
        case thresholdNotALevel(Score, allowed: [Score])
    }

    /// Levels, lowest first.
    public let levels: [Level]
    /// Points of the lowest level that counts as mastered.
    public let masteryThreshold: Score

    /// Makes a scale, checking its invariants.
    public init(levels: [Level], masteryThreshold: Score) throws(Invalid) {
        guard let first = levels.first else { throw .noLevels }
        if first.points.hundredths < 0 { throw .negativePoints(first.points) }
        for (previous, next) in zip(levels, levels.dropFirst()) where next.points <= previous.points {
            throw .pointsNotIncreasing(next.points, after: previous.points)
        }
        guard levels.contains(where: { $0.points == masteryThreshold }) else {
            throw .thresholdNotALevel(masteryThreshold, allowed: levels.map(\.points))
        }
        self.levels = levels
        self.masteryThreshold = masteryThreshold
    }

    /// Decodes the form ``encode(to:)`` writes, with the same checks as the initializers.
    public init(from decoder: any Decoder) throws {
        enum Keys: String, CodingKey { case levels, masteryThreshold }
        let container = try decoder.container(keyedBy: Keys.self)
        try self.init(levels: container.decode([Level].self, forKey: .levels),
                      masteryThreshold: container.decode(Score.self, forKey: .masteryThreshold))
    }

    /// 1 Beginning, 2 Developing, 3 Proficient, 4 Advanced; mastered from Proficient.
    public static let fourPoint: ProficiencyScale = try! ProficiencyScale(
        levels: [Level(label: "Beginning", points: 1), Level(label: "Developing", points: 2),
                 Level(label: "Proficient", points: 3), Level(label: "Advanced", points: 4)],
        masteryThreshold: 3)

    /// The highest level whose points are ≤ `score`; `nil` below the lowest level.
    public func level(for score: Score) -> Level? {
        levels.last { $0.points <= score }
    }

    /// The level with exactly these points, if any (a review must name one).
    public func level(withPoints points: Score) -> Level? {
        levels.first { $0.points == points }
    }

    /// Whether a (rounded) score reaches the mastery threshold.
    public func isMastered(_ score: Score) -> Bool { score >= masteryThreshold }

    /// Lowest and highest points: every score computed on this scale lies in this range.
    public var range: ClosedRange<Score> { levels[0].points...levels[levels.count - 1].points }
}
