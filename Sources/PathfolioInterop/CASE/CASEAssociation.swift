public import PathfolioCore

/// A CASE `CFAssociation`: the core ``Association`` plus both ends as published and what the
/// core does not model.
public struct CASEAssociation: Sendable, Hashable {
    /// The association (identifier, type, origin and destination identifiers, sequence number).
    public var association: Association
    /// `uri`.
    public var uri: String
    /// `originNodeURI` as published (identifier, uri, title).
    public var origin: CASENodeReference
    /// `destinationNodeURI` as published.
    public var destination: CASENodeReference
    /// `lastChangeDateTime` exactly as published.
    public var lastChangeDateTime: String?
    /// Every member not modelled (notes, CFAssociationGroupingURI, CFDocumentURI, …), verbatim.
    public var extra: JSONObject

    /// Makes an association record.
    public init(association: Association, uri: String, origin: CASENodeReference, destination: CASENodeReference,
                lastChangeDateTime: String? = nil, extra: JSONObject = JSONObject()) {
        self.association = association
        self.uri = uri
        self.origin = origin
        self.destination = destination
        self.lastChangeDateTime = lastChangeDateTime
        self.extra = extra
    }
}
