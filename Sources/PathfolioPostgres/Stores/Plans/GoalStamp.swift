public import Foundation
public import PathfolioCore

/// What the database keeps about a goal beyond the core's ``Goal``: its own version (the
/// goal's ETag), who proposed and who dropped it, and when it last changed.
public struct GoalStamp: Sendable, Hashable {
    /// Incremented by every change to this goal.
    public let version: Int
    /// Who wrote the goal first (the learner for a proposal, else the advisor).
    public let proposedBy: PersonID
    /// The advisor who dropped it.
    public let droppedBy: PersonID?
    /// The last change.
    public let updatedAt: Date

    public init(version: Int, proposedBy: PersonID, droppedBy: PersonID?, updatedAt: Date) {
        self.version = version
        self.proposedBy = proposedBy
        self.droppedBy = droppedBy
        self.updatedAt = updatedAt
    }
}
