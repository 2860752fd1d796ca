public import PathfolioCore

/// One association in force that touches a competency, seen from that competency.
public struct CompetencyLink: Sendable, Hashable {
    /// Which end of the association the competency is.
    public enum Direction: String, Sendable, Hashable {
        /// The competency is the origin (it `isChildOf` / `precedes` the other node).
        case outgoing
        /// The competency is the destination (the other node `isChildOf` / `precedes` it).
        case incoming
    }

    /// A competency at the other end.
    public struct LinkedCompetency: Sendable, Hashable {
        /// Its id.
        public var id: CompetencyID
        /// Its framework.
        public var frameworkID: FrameworkID
        /// CASE `humanCodingScheme`.
        public var humanCodingScheme: String?
        /// CASE `fullStatement`.
        public var fullStatement: String
        /// Whether a newer version of its framework dropped it.
        public var isRetired: Bool

        /// Makes a linked competency.
        public init(id: CompetencyID, frameworkID: FrameworkID, humanCodingScheme: String?, fullStatement: String, isRetired: Bool) {
            self.id = id
            self.frameworkID = frameworkID
            self.humanCodingScheme = humanCodingScheme
            self.fullStatement = fullStatement
            self.isRetired = isRetired
        }

        /// The human coding scheme, or the id when there is none.
        public var code: String { humanCodingScheme ?? id.description }
    }

    /// What is at the other end.
    public enum Node: Sendable, Hashable {
        /// A competency the institution holds.
        case competency(LinkedCompetency)
        /// A framework's document (top-level items are `isChildOf` their document).
        case framework(id: FrameworkID, title: String)
        /// A node outside every framework the institution holds, as the package named it.
        case external(AssociationEnd)
    }

    /// The association.
    public var associationID: AssociationID
    /// Its type.
    public var type: AssociationType
    /// Which end the competency is.
    public var direction: Direction
    /// Its `sequenceNumber`.
    public var sequenceNumber: Int?
    /// Whether an admin added it locally.
    public var isLocal: Bool
    /// The other end.
    public var node: Node

    /// Makes a link.
    public init(associationID: AssociationID, type: AssociationType, direction: Direction, sequenceNumber: Int?,
                isLocal: Bool, node: Node) {
        self.associationID = associationID
        self.type = type
        self.direction = direction
        self.sequenceNumber = sequenceNumber
        self.isLocal = isLocal
        self.node = node
    }
}
