public import PathfolioCore

/// A whole framework package to save: the document, its items and associations in package
/// order, and the rest of the package, each with the CASE 1.1 JSON an export must reproduce.
///
/// The JSON strings are rendered by the caller (the CASE writer lives in the interop layer,
/// which this layer does not import); they are stored verbatim and read back verbatim.
public struct FrameworkPackageRecord: Sendable, Hashable {
    /// The framework. Its ``Framework/defaultScale`` is used when the framework is new; a
    /// re-import keeps the scale (and the policies) an admin has set.
    public var framework: Framework
    /// The `CFDocument` as in the package.
    public var documentJSON: String
    /// The items, in package order, one per identifier.
    public var items: [CompetencyRecord]
    /// The associations, in package order, one per identifier.
    public var associations: [AssociationRecord]
    /// The package's `CFDefinitions` object.
    public var definitionsJSON: String
    /// An object of the package's members after `CFDefinitions` (`CFRubrics`, `extensions`),
    /// in order; `{}` when there are none.
    public var packageMembersJSON: String

    /// Makes a record.
    public init(framework: Framework, documentJSON: String, items: [CompetencyRecord], associations: [AssociationRecord],
                definitionsJSON: String, packageMembersJSON: String = "{}") {
        self.framework = framework
        self.documentJSON = documentJSON
        self.items = items
        self.associations = associations
        self.definitionsJSON = definitionsJSON
        self.packageMembersJSON = packageMembersJSON
    }
}
