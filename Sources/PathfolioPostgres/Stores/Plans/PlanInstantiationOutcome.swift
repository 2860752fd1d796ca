public import PathfolioCore

/// What instantiating a template did for one learner.
public struct PlanInstantiationOutcome: Sendable, Hashable {
    /// Why a learner got no new plan, or that they got one.
    public enum Result: String, Sendable, Hashable {
        /// A plan was created.
        case created
        /// The learner already has a plan from this template (any version): skipped.
        case alreadyPlanned = "already_planned"
        /// No advisor to give the plan (the learner has none and the caller is not one of theirs).
        case noAdvisor = "no_advisor"
    }

    public let learnerID: PersonID
    /// The new plan, when created.
    public let planID: PlanID?
    public let result: Result
}
