public import PathfolioCore

/// A CASE package translated into core values: what an import stores, and what an export writes.
public struct CASEImport: Sendable, Hashable {
    /// The `CFDocument`.
    public var document: CASEDocument
    /// The `CFItems`, in package order, one per identifier.
    public var items: [CASEItem]
    /// The `CFAssociations`, in package order, one per identifier.
    public var associations: [CASEAssociation]
    /// `CFDefinitions`.
    public var definitions: CASEDefinitions
    /// Package members not modelled (`CFRubrics`, `CFPackageURI` at top level, …), verbatim.
    public var extra: JSONObject
    /// Oddities understood and accepted, each with its JSON pointer.
    public var warnings: [CASEWarning]

    /// Makes an import result.
    public init(document: CASEDocument, items: [CASEItem] = [], associations: [CASEAssociation] = [],
                definitions: CASEDefinitions = CASEDefinitions(), extra: JSONObject = JSONObject(), warnings: [CASEWarning] = []) {
        self.document = document
        self.items = items
        self.associations = associations
        self.definitions = definitions
        self.extra = extra
        self.warnings = warnings
    }

    /// The framework.
    public var framework: Framework { document.framework }
    /// The competencies, in package order.
    public var competencies: [Competency] { items.map(\.competency) }
    /// The core associations, in package order.
    public var coreAssociations: [Association] { associations.map(\.association) }

    /// This value without its warnings: what two imports of equivalent packages share.
    public var model: CASEImport {
        var copy = self
        copy.warnings = []
        return copy
    }
}
