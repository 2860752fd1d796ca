public import PathfolioCore

/// A CASE `CFItem`: the core ``Competency`` plus what the core does not model.
public struct CASEItem: Sendable, Hashable {
    /// The competency (identifier, uri, human coding scheme, statements, item type, education
    /// levels, list position).
    public var competency: Competency
    /// `listEnumeration` exactly as published (e.g. `"1."`, `"a"`); ``Competency/listPosition``
    /// holds its numeric reading when it has one.
    public var listEnumeration: String?
    /// `lastChangeDateTime` exactly as published.
    public var lastChangeDateTime: String?
    /// Every member not modelled (notes, language, CFItemTypeURI, CFDocumentURI, …), verbatim.
    public var extra: JSONObject

    /// Makes an item.
    public init(competency: Competency, listEnumeration: String? = nil, lastChangeDateTime: String? = nil,
                extra: JSONObject = JSONObject()) {
        self.competency = competency
        self.listEnumeration = listEnumeration
        self.lastChangeDateTime = lastChangeDateTime
        self.extra = extra
    }
}
