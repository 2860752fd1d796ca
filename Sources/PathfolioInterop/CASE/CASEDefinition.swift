/// One entry of `CFDefinitions` (a `CFItemType`, `CFConcept`, `CFSubject`, `CFLicense` or
/// `CFAssociationGrouping`): identifier and title for lookups, every member kept verbatim.
public struct CASEDefinition: Sendable, Hashable {
    /// `identifier`.
    public var identifier: String
    /// `uri` (empty when absent).
    public var uri: String
    /// `title`.
    public var title: String?
    /// All members, as published (after the importer's normalizations, each warned about).
    public var members: JSONObject

    /// Makes a definition.
    public init(identifier: String, uri: String, title: String?, members: JSONObject) {
        self.identifier = identifier
        self.uri = uri
        self.title = title
        self.members = members
    }
}
