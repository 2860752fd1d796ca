public import Foundation
public import PathfolioCore

/// One stored entry of a plan's history: who, when, which version it made, what changed.
public struct PlanHistoryRecord: Sendable {
    /// Order within the plan (the list's cursor).
    public let sequence: Int64
    /// The plan version after the change.
    public let version: Int
    /// Who.
    public let actorID: PersonID
    /// When.
    public let recordedAt: Date
    /// A short name of the change (`plan.create`, `plan.update`, `goal.approve`, …).
    public let action: String
    /// The changes, a JSON array of `{op, path, from, value}`.
    public let changes: PostgresJSON
}
