/// A goal of a plan: a statement tied to target competencies, a target level and a due date.
public struct Goal: Sendable, Hashable, Codable {
    /// Whether an advisor has approved the goal.
    public enum Approval: Sendable, Hashable, Codable {
        /// Proposed by this person (usually the learner), awaiting an advisor.
        case proposed(by: PersonID)
        /// Approved (advisor-written goals are approved from the start).
        case approved(by: PersonID)
    }

    /// Why a goal was refused.
    public enum Invalid: Error, Sendable, Equatable {
        /// An empty statement.
        case emptyStatement
        /// A goal needs at least one target competency.
        case noTargets
        /// A milestone names competencies that are not targets of the goal.
        case milestoneOutsideTargets([CompetencyID])
        /// A milestone falls after the goal's due date.
        case milestoneAfterDueDate(CalendarDate, due: CalendarDate)
    }

    /// The goal id.
    public let id: GoalID
    /// What the learner aims for.
    public var statement: String
    /// Academic, career or personal.
    public var kind: GoalKind
    /// Competencies it targets.
    public var targets: [CompetencyID]
    /// Points each target must reach; `nil` means "mastered" (the scale's threshold).
    public var targetLevel: Score?
    /// When it is due.
    public var dueDate: CalendarDate
    /// Checkpoints.
    public var milestones: [Milestone]
    /// Proposed or approved.
    public var approval: Approval
    /// Set when an advisor drops the goal.
    public var isDropped: Bool
    /// Why it was dropped (set with ``isDropped`` by ``Plan/apply(_:by:at:)``).
    public var dropReason: String?

    /// Makes a goal, checking that milestones are within its targets and dates.
    public init(id: GoalID, statement: String, kind: GoalKind, targets: [CompetencyID], targetLevel: Score? = nil,
                dueDate: CalendarDate, milestones: [Milestone] = [], approval: Approval, isDropped: Bool = false,
                dropReason: String? = nil) throws(Invalid) {
        try Self.check(statement: statement, targets: targets, dueDate: dueDate, milestones: milestones)
        self.id = id
        self.statement = statement
        self.kind = kind
        self.targets = targets
        self.targetLevel = targetLevel
        self.dueDate = dueDate
        self.milestones = milestones
        self.approval = approval
        self.isDropped = isDropped
        self.dropReason = dropReason
    }

    /// The rules a goal keeps: a statement, at least one target, milestones within the targets
    /// and not after the due date.
    public static func check(statement: String, targets: [CompetencyID], dueDate: CalendarDate,
                             milestones: [Milestone]) throws(Invalid) {
        guard !statement.isEmpty else { throw .emptyStatement }
        guard !targets.isEmpty else { throw .noTargets }
        let targetSet = Set(targets)
        for milestone in milestones {
            let outside = milestone.competencies.filter { !targetSet.contains($0) }
            if !outside.isEmpty { throw .milestoneOutsideTargets(outside) }
            if milestone.dueDate > dueDate { throw .milestoneAfterDueDate(milestone.dueDate, due: dueDate) }
        }
    }

    /// Whether an advisor approved it.
    public var isApproved: Bool {
        if case .approved = approval { return true }
        return false
    }
}
