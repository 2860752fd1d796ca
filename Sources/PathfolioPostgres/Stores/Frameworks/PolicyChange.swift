public import Foundation
public import PathfolioCore

/// One entry of a framework's policy history: the policy, from when it applies, who set it and when.
public struct PolicyChange: Sendable, Hashable {
    /// The entry's id (its recording order).
    public var id: Int64
    /// The framework.
    public var frameworkID: FrameworkID
    /// The policy.
    public var policy: MasteryPolicy
    /// The scale it rates the framework on, when it sets one (else the framework's default).
    public var scale: ProficiencyScale?
    /// From when it applies (the policy in force at an instant is the latest one effective by then).
    public var effectiveFrom: Date
    /// Who set it.
    public var changedBy: PersonID
    /// When it was recorded.
    public var changedAt: Date

    /// Makes an entry.
    public init(id: Int64, frameworkID: FrameworkID, policy: MasteryPolicy, scale: ProficiencyScale? = nil, effectiveFrom: Date,
                changedBy: PersonID, changedAt: Date) {
        self.id = id
        self.frameworkID = frameworkID
        self.policy = policy
        self.scale = scale
        self.effectiveFrom = effectiveFrom
        self.changedBy = changedBy
        self.changedAt = changedAt
    }
}
