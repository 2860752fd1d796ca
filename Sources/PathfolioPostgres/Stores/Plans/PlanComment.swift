public import Foundation
public import PathfolioCore

/// A comment on a plan, optionally about one goal, optionally answering a top-level comment.
public struct PlanComment: Sendable, Hashable {
    public let id: UUID
    public let planID: PlanID
    public let authorID: PersonID
    public let body: String
    public let inReplyTo: UUID?
    public let goalID: GoalID?
    public let createdAt: Date

    public init(id: UUID, planID: PlanID, authorID: PersonID, body: String, inReplyTo: UUID?, goalID: GoalID?, createdAt: Date) {
        self.id = id
        self.planID = planID
        self.authorID = authorID
        self.body = body
        self.inReplyTo = inReplyTo
        self.goalID = goalID
        self.createdAt = createdAt
    }
}
