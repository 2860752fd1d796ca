public import PathfolioPostgres

/// An association around a competency, as `GET /v1/competencies/{id}` shows it: the
/// association and what is at its other end.
public struct CompetencyLinkRepresentation: Sendable, Hashable, Encodable {
    /// The node at the other end.
    public struct Node: Sendable, Hashable, Encodable {
        /// `competency` (held by the institution), `framework` (a framework's document: top-level
        /// items are children of it) or `external` (outside every framework held; it resolves
        /// once that framework is imported).
        public let kind: String
        /// The competency's or framework's id.
        public let id: String?
        /// For an external node: its identifier as published.
        public let identifier: String?
        /// For a competency: its framework.
        public let frameworkId: String?
        /// For a competency: CASE `humanCodingScheme`.
        public let humanCodingScheme: String?
        /// For a competency: CASE `fullStatement`.
        public let fullStatement: String?
        /// A framework's title, or an external node's title as published.
        public let title: String?
        /// An external node's URI as published.
        public let uri: String?
        /// For a competency: whether a newer version of its framework dropped it.
        public let retired: Bool?

        init(_ node: CompetencyLink.Node) {
            switch node {
            case .competency(let competency):
                kind = "competency"; id = competency.id.description; identifier = nil
                frameworkId = competency.frameworkID.description; humanCodingScheme = competency.humanCodingScheme
                fullStatement = competency.fullStatement; title = nil; uri = nil; retired = competency.isRetired
            case .framework(let frameworkID, let frameworkTitle):
                kind = "framework"; id = frameworkID.description; identifier = nil; frameworkId = nil
                humanCodingScheme = nil; fullStatement = nil; title = frameworkTitle; uri = nil; retired = nil
            case .external(let end):
                kind = "external"; id = nil; identifier = end.identifier; frameworkId = nil
                humanCodingScheme = nil; fullStatement = nil; title = end.title; uri = end.uri; retired = nil
            }
        }
    }

    /// The CFAssociation identifier.
    public let associationId: String
    /// CASE's type, verbatim (`isChildOf`, `precedes`, `exactMatchOf`, `ext:…`).
    public let associationType: String
    /// `outgoing` when the competency is the origin, `incoming` when it is the destination.
    public let direction: String
    /// CASE `sequenceNumber`: the order among siblings.
    public let sequenceNumber: Int?
    /// Whether an admin added it (rather than a published framework).
    public let local: Bool
    /// The other end.
    public let node: Node

    /// The representation of `link`.
    public init(_ link: CompetencyLink) {
        associationId = link.associationID.description
        associationType = link.type.rawValue
        direction = link.direction.rawValue
        sequenceNumber = link.sequenceNumber
        local = link.isLocal
        node = Node(link.node)
    }
}
