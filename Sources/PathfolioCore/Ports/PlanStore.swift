/// Plans, their history and templates.
public protocol PlanStore: Sendable {
    /// One plan.
    func plan(_ id: PlanID) async throws -> Plan?
    /// A learner's plans.
    func plans(of learner: PersonID) async throws -> [Plan]
    /// Writes a changed plan and its history entry if the stored version is still
    /// `expectedVersion`; returns `false` when someone else changed it first (→ 412).
    func save(_ plan: Plan, entry: PlanHistoryEntry, expectedVersion: Int?) async throws -> Bool
    /// A plan's history, oldest first.
    func history(of plan: PlanID) async throws -> [PlanHistoryEntry]
    /// One template.
    func template(_ id: PlanTemplateID) async throws -> PlanTemplate?
    /// Stores a template.
    func save(_ template: PlanTemplate) async throws
}
