public import PathfolioCore

/// An association to save: the core value, both ends as published, and its CASE JSON.
public struct AssociationRecord: Sendable, Hashable {
    /// The association (type, ends as ids, sequence number).
    public var association: Association
    /// The origin as published.
    public var origin: AssociationEnd
    /// The destination as published.
    public var destination: AssociationEnd
    /// The association's CASE 1.1 JSON (`CFAssociation`, as in a package), stored verbatim.
    public var caseJSON: String

    /// Makes a record.
    public init(association: Association, origin: AssociationEnd, destination: AssociationEnd, caseJSON: String) {
        self.association = association
        self.origin = origin
        self.destination = destination
        self.caseJSON = caseJSON
    }
}
