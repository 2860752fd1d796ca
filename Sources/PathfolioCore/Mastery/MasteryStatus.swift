/// Where a learner stands on one competency.
public enum MasteryStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// No review counts yet.
    case notStarted = "not_started"
    /// Reviews count but the score is below the threshold, or `n_mastery` still needs more.
    case inProgress = "in_progress"
    /// The rounded score reaches the scale's mastery threshold (or the rollup says so).
    case mastered
}
