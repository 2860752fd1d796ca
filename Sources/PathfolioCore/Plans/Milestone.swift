/// A checkpoint of a goal: by this date, these of its targets should be reached.
public struct Milestone: Sendable, Hashable, Codable {
    /// The date.
    public var dueDate: CalendarDate
    /// A subset of the goal's target competencies.
    public var competencies: [CompetencyID]

    /// Makes a milestone.
    public init(dueDate: CalendarDate, competencies: [CompetencyID]) {
        self.dueDate = dueDate
        self.competencies = competencies
    }
}
