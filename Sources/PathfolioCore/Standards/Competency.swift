/// An item of a framework: a CASE `CFItem`.
public struct Competency: Sendable, Hashable, Codable {
    /// CASE `identifier`.
    public let id: CompetencyID
    /// The framework (`CFDocument`) it belongs to.
    public let frameworkID: FrameworkID
    /// CASE `uri`.
    public var uri: String
    /// CASE `humanCodingScheme`, e.g. `MATH.7.RP.A.1`.
    public var humanCodingScheme: String?
    /// CASE `fullStatement`.
    public var fullStatement: String
    /// CASE `abbreviatedStatement`.
    public var abbreviatedStatement: String?
    /// CASE `CFItemType` (domain, cluster, standard, component …), kept as published.
    public var itemType: String?
    /// CASE `educationLevel`.
    public var educationLevels: [String]
    /// CASE `listEnumeration` / sequence position among siblings.
    public var listPosition: Int?
    /// A scale that replaces the framework's default for this competency.
    public var scaleOverride: ProficiencyScale?
    /// Set when a newer version of the framework no longer has this item; its history stays.
    public var isRetired: Bool

    /// Makes a competency.
    public init(
        id: CompetencyID, frameworkID: FrameworkID, uri: String = "", humanCodingScheme: String?,
        fullStatement: String, abbreviatedStatement: String? = nil, itemType: String? = nil,
        educationLevels: [String] = [], listPosition: Int? = nil,
        scaleOverride: ProficiencyScale? = nil, isRetired: Bool = false
    ) {
        self.id = id
        self.frameworkID = frameworkID
        self.uri = uri
        self.humanCodingScheme = humanCodingScheme
        self.fullStatement = fullStatement
        self.abbreviatedStatement = abbreviatedStatement
        self.itemType = itemType
        self.educationLevels = educationLevels
        self.listPosition = listPosition
        self.scaleOverride = scaleOverride
        self.isRetired = isRetired
    }

    /// The code people read: the human coding scheme, or the identifier when there is none.
    public var code: String { humanCodingScheme ?? id.description }
}
