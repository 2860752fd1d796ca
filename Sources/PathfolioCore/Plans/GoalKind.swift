/// What a goal is about.
public enum GoalKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Coursework and competencies.
    case academic
    /// Work and career.
    case career
    /// Personal growth.
    case personal
}
