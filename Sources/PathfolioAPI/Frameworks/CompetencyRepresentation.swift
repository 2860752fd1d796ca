public import PathfolioPostgres

/// A competency as `GET /v1/frameworks/{id}/competencies` lists it (flat), and as the tree
/// view and `GET /v1/competencies/{id}` show it (with more members around it).
public struct CompetencyRepresentation: Sendable, Hashable, Encodable {
    /// The CFItem identifier.
    public let id: String
    /// The framework (CFDocument identifier) it belongs to.
    public let frameworkId: String
    /// CASE `uri`.
    public let uri: String
    /// E.g. `MATH.7.RP.A.1`.
    public let humanCodingScheme: String?
    /// CASE `fullStatement`.
    public let fullStatement: String
    /// CASE `abbreviatedStatement`.
    public let abbreviatedStatement: String?
    /// CASE `CFItemType` as published (domain, cluster, standard …).
    public let itemType: String?
    /// CASE `educationLevel`.
    public let educationLevels: [String]
    /// CASE `listEnumeration` as published.
    public let listEnumeration: String?
    /// Its numeric reading, when it has one.
    public let listPosition: Int?
    /// Order in the package as published (0-based); the flat list's order.
    public let position: Int
    /// Parent competencies (`isChildOf`), by sequence number; empty under the document itself.
    public let parentIds: [String]
    /// A scale replacing the framework's default, when one is set.
    public let scaleOverride: ProficiencyScaleRepresentation?
    /// Whether a newer version of the framework dropped it.
    public let retired: Bool
    /// When it was dropped.
    public let retiredAt: String?
    /// First imported, RFC 3339 UTC.
    public let createdAt: String
    /// Last changed by an import, RFC 3339 UTC.
    public let updatedAt: String

    /// The representation of a stored competency.
    public init(_ entry: CompetencyEntry) {
        let competency = entry.competency
        id = competency.id.description
        frameworkId = competency.frameworkID.description
        uri = competency.uri
        humanCodingScheme = competency.humanCodingScheme
        fullStatement = competency.fullStatement
        abbreviatedStatement = competency.abbreviatedStatement
        itemType = competency.itemType
        educationLevels = competency.educationLevels
        listEnumeration = entry.listEnumeration
        listPosition = competency.listPosition
        position = entry.position
        parentIds = entry.parents.map(\.id.description)
        scaleOverride = competency.scaleOverride.map(ProficiencyScaleRepresentation.init)
        retired = entry.retiredAt != nil
        retiredAt = entry.retiredAt.map(Timestamp.format)
        createdAt = Timestamp.format(entry.createdAt)
        updatedAt = Timestamp.format(entry.updatedAt)
    }
}
