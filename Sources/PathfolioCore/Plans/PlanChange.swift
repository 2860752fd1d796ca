/// One edit of a plan; every applied change becomes a ``PlanHistoryEntry``.
public enum PlanChange: Sendable, Hashable, Codable {
    /// The plan was created (from a template when one is named).
    case created(templateID: PlanTemplateID?)
    /// A workflow transition.
    case transition(from: PlanStatus, to: PlanStatus)
    /// New title.
    case rename(String)
    /// New start and target dates.
    case reschedule(start: CalendarDate, target: CalendarDate)
    /// A goal added (proposed or approved).
    case addGoal(Goal)
    /// A goal replaced by an edited version (same id).
    case editGoal(Goal)
    /// An advisor approved a proposed goal.
    case approveGoal(GoalID)
    /// An advisor dropped a goal, saying why.
    case dropGoal(GoalID, reason: String)
    /// An advisor was added.
    case addAdvisor(PersonID)
    /// The advisors replaced (one or more).
    case replaceAdvisors([PersonID])
    /// The learner's strengths, challenges, interests and aspirations rewritten.
    case describeLearner(LearnerProfile)
    /// A comment on the plan.
    case comment(String)
}
