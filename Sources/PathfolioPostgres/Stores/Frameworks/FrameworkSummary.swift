public import Foundation
public import PathfolioCore

/// A framework as lists and detail pages show it: the framework (with its policy in force and
/// default scale) and a few facts about its contents.
public struct FrameworkSummary: Sendable, Hashable {
    /// The framework, with ``Framework/masteryPolicy`` the one in force (the core default when
    /// none was ever set).
    public var framework: Framework
    /// When the policy in force took effect; nil when it is the core default.
    public var policyEffectiveFrom: Date?
    /// Competencies in the current version.
    public var competencyCount: Int
    /// Competencies retired by newer versions.
    public var retiredCompetencyCount: Int
    /// When the framework was first imported.
    public var createdAt: Date
    /// When an import last changed its document, definitions or package members.
    public var updatedAt: Date

    /// The framework's place in the list.
    public var listKey: FrameworkListKey { FrameworkListKey(title: framework.title, id: framework.id) }

    /// Makes a summary.
    public init(framework: Framework, policyEffectiveFrom: Date?, competencyCount: Int, retiredCompetencyCount: Int,
                createdAt: Date, updatedAt: Date) {
        self.framework = framework
        self.policyEffectiveFrom = policyEffectiveFrom
        self.competencyCount = competencyCount
        self.retiredCompetencyCount = retiredCompetencyCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
