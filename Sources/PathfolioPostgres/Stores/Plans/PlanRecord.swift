public import Foundation
public import PathfolioCore

/// A stored plan: the core's ``Plan`` with what only the database knows (the template version
/// it came from, who made it and when, each goal's stamp).
public struct PlanRecord: Sendable {
    /// The plan, its goals in order.
    public var plan: Plan
    /// The version of ``Plan/templateID`` it was made from.
    public let templateVersion: Int?
    /// Who created it.
    public let createdBy: PersonID
    /// When.
    public let createdAt: Date
    /// The last change.
    public let updatedAt: Date
    /// Per goal: version, proposer, dropper.
    public let goalStamps: [GoalID: GoalStamp]

    public init(plan: Plan, templateVersion: Int?, createdBy: PersonID, createdAt: Date, updatedAt: Date,
                goalStamps: [GoalID: GoalStamp]) {
        self.plan = plan
        self.templateVersion = templateVersion
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.goalStamps = goalStamps
    }
}
