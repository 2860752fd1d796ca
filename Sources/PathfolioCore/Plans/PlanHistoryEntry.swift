public import Foundation

/// Who changed a plan, when, and what (SPEC §1.5: every change is kept).
public struct PlanHistoryEntry: Sendable, Hashable, Codable {
    /// The plan.
    public let planID: PlanID
    /// The plan version this change produced (the ETag source).
    public let version: Int
    /// Who.
    public let actorID: PersonID
    /// When.
    public let at: Date
    /// What.
    public let change: PlanChange

    /// Makes an entry.
    public init(planID: PlanID, version: Int, actorID: PersonID, at: Date, change: PlanChange) {
        self.planID = planID
        self.version = version
        self.actorID = actorID
        self.at = at
        self.change = change
    }
}
