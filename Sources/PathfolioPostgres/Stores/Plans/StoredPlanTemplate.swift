public import Foundation
public import PathfolioCore

/// One version of a plan template as stored.
public struct StoredPlanTemplate: Sendable {
    /// The template (its competencies and goal outlines).
    public let template: PlanTemplate
    /// Its version (1, 2, …; the ETag).
    public let version: Int
    /// A longer description for advisors.
    public let description: String
    /// Who wrote this version.
    public let createdBy: PersonID
    /// When.
    public let createdAt: Date

    public init(template: PlanTemplate, version: Int, description: String, createdBy: PersonID, createdAt: Date) {
        self.template = template
        self.version = version
        self.description = description
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}
