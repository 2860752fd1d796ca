/// One stored CASE object (an item or an association) with the document of its framework, as
/// the CASE REST reads need them (a 1.1 `CFItem` names its document in `CFDocumentURI`).
public struct StoredCASEObject: Sendable, Hashable {
    /// The object's CASE 1.1 JSON as in its package.
    public var json: String
    /// Its framework's `CFDocument` JSON; nil for a local association.
    public var documentJSON: String?
    /// Whether a newer version of its framework dropped it.
    public var isRetired: Bool

    /// Makes a stored object.
    public init(json: String, documentJSON: String?, isRetired: Bool) {
        self.json = json
        self.documentJSON = documentJSON
        self.isRetired = isRetired
    }
}
