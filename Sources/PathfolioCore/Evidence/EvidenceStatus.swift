/// Where a piece of evidence is in its review workflow (SPEC §1.3).
///
/// `submitted → in_review → accepted | returned`; the learner may withdraw it at any point
/// before acceptance (`submitted`, `in_review` or `returned` → `withdrawn`). `accepted` and
/// `withdrawn` are final; a `returned` item is revised by submitting a new revision.
public enum EvidenceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for an assessor.
    case submitted
    /// An assessor is reviewing it.
    case inReview = "in_review"
    /// Accepted as evidence of mastery.
    case accepted
    /// Sent back for revision.
    case returned
    /// Withdrawn by the learner.
    case withdrawn

    /// A refused transition, with the ones allowed from the current status.
    public struct IllegalTransition: Error, Sendable, Equatable {
        /// Current status.
        public let from: EvidenceStatus
        /// Requested status.
        public let to: EvidenceStatus
        /// What `from` may move to (empty when final).
        public let allowed: [EvidenceStatus]

        /// Makes the refusal.
        public init(from: EvidenceStatus, to: EvidenceStatus, allowed: [EvidenceStatus]) {
            self.from = from
            self.to = to
            self.allowed = allowed
        }
    }

    /// The statuses reachable in one step, in declaration order.
    public var allowedTransitions: [EvidenceStatus] {
        switch self {
        case .submitted: [.inReview, .withdrawn]
        case .inReview: [.accepted, .returned, .withdrawn]
        case .returned: [.withdrawn]
        case .accepted, .withdrawn: []
        }
    }

    /// The next status, or the refusal naming the allowed ones.
    public func transition(to next: EvidenceStatus) throws(IllegalTransition) -> EvidenceStatus {
        guard allowedTransitions.contains(next) else {
            throw IllegalTransition(from: self, to: next, allowed: allowedTransitions)
        }
        return next
    }
}
