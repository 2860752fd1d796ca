/// A framework's package as stored: the CASE 1.1 JSON of each part, verbatim, in package
/// order. Retired items and associations, and local prerequisites, are not part of it.
public struct StoredCASEPackage: Sendable, Hashable {
    /// The `CFDocument`.
    public var documentJSON: String
    /// The `CFItems`, in package order.
    public var itemJSON: [String]
    /// The `CFAssociations`, in package order.
    public var associationJSON: [String]
    /// The `CFDefinitions` object.
    public var definitionsJSON: String
    /// An object of the members after `CFDefinitions` (`{}` when none).
    public var packageMembersJSON: String

    /// Makes a stored package.
    public init(documentJSON: String, itemJSON: [String], associationJSON: [String], definitionsJSON: String,
                packageMembersJSON: String) {
        self.documentJSON = documentJSON
        self.itemJSON = itemJSON
        self.associationJSON = associationJSON
        self.definitionsJSON = definitionsJSON
        self.packageMembersJSON = packageMembersJSON
    }
}
