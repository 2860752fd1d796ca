/// A plan's workflow status (SPEC §1.5).
///
/// Exactly these transitions exist: `draft → in_review` (the learner asks for a review),
/// `in_review → draft` (sent back), `in_review → active`, `draft → active`, `draft → archived`,
/// `active → archived`, `active → completed`. `completed` and `archived` are final.
public enum PlanStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Being written.
    case draft
    /// The learner asked the advisor to review the draft.
    case inReview = "in_review"
    /// In force.
    case active
    /// Finished.
    case completed
    /// Put away.
    case archived

    /// A refused transition, with the ones allowed from the current status.
    public struct IllegalTransition: Error, Sendable, Equatable {
        /// Current status.
        public let from: PlanStatus
        /// Requested status.
        public let to: PlanStatus
        /// What `from` may move to (empty when final).
        public let allowed: [PlanStatus]

        /// Makes the refusal.
        public init(from: PlanStatus, to: PlanStatus, allowed: [PlanStatus]) {
            self.from = from
            self.to = to
            self.allowed = allowed
        }
    }

    /// The statuses reachable in one step.
    public var allowedTransitions: [PlanStatus] {
        switch self {
        case .draft: [.inReview, .active, .archived]
        case .inReview: [.draft, .active]
        case .active: [.completed, .archived]
        case .completed, .archived: []
        }
    }

    /// The next status, or the refusal naming the allowed ones.
    public func transition(to next: PlanStatus) throws(IllegalTransition) -> PlanStatus {
        guard allowedTransitions.contains(next) else {
            throw IllegalTransition(from: self, to: next, allowed: allowedTransitions)
        }
        return next
    }

    /// Whether the plan can still be edited (goals, dates, title).
    public var isOpen: Bool { self == .draft || self == .inReview || self == .active }
}
