/// A goal's status, derived from mastery and pacing (``GoalAssessment``), except `dropped`,
/// which an advisor sets.
public enum GoalStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// No target competency has a counted review yet.
    case notStarted = "not_started"
    /// The projected pace reaches every target by the due date.
    case onTrack = "on_track"
    /// The projected pace falls short, a milestone was missed, or the due date has passed.
    case atRisk = "at_risk"
    /// Every target reached its target level.
    case achieved
    /// Dropped by the advisor.
    case dropped
}
