public import PathfolioPostgres

/// A framework as `GET /v1/frameworks` (each item) and `GET /v1/frameworks/{id}` show it.
public struct FrameworkRepresentation: Sendable, Hashable, Encodable {
    /// The CFDocument identifier.
    public let id: String
    /// CASE `uri`.
    public let uri: String
    /// CASE `title`.
    public let title: String
    /// CASE `creator`.
    public let creator: String
    /// CASE `version`.
    public let version: String?
    /// CASE `subject`.
    public let subjects: [String]
    /// CASE `language`.
    public let language: String?
    /// CASE `adoptionStatus`.
    public let adoptionStatus: String?
    /// CASE `lastChangeDateTime`, RFC 3339 UTC.
    public let lastChangedAt: String
    /// Competencies in the current version.
    public let competencyCount: Int
    /// Competencies dropped by newer versions (still readable).
    public let retiredCompetencyCount: Int
    /// The scale of every competency that does not override it.
    public let defaultScale: ProficiencyScaleRepresentation
    /// The policy in force (the default, `highest` with `all` rollups, when none was set).
    public let masteryPolicy: MasteryPolicyRepresentation
    /// When that policy took effect; absent for the default.
    public let policyEffectiveFrom: String?
    /// First imported.
    public let createdAt: String
    /// Last changed by an import.
    public let updatedAt: String

    /// The representation of a stored framework.
    public init(_ summary: FrameworkSummary) {
        let framework = summary.framework
        id = framework.id.description
        uri = framework.uri
        title = framework.title
        creator = framework.creator
        version = framework.version
        subjects = framework.subjects
        language = framework.language
        adoptionStatus = framework.adoptionStatus
        lastChangedAt = Timestamp.format(framework.lastChangedAt)
        competencyCount = summary.competencyCount
        retiredCompetencyCount = summary.retiredCompetencyCount
        defaultScale = ProficiencyScaleRepresentation(framework.defaultScale)
        masteryPolicy = MasteryPolicyRepresentation(framework.masteryPolicy)
        policyEffectiveFrom = summary.policyEffectiveFrom.map(Timestamp.format)
        createdAt = Timestamp.format(summary.createdAt)
        updatedAt = Timestamp.format(summary.updatedAt)
    }
}
