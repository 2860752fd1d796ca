public import PathfolioCore
public import PathfolioInterop
public import PathfolioPostgres

/// What an import did (the body of `POST /v1/frameworks/import`'s answer).
public struct FrameworkImportResult: Sendable, Hashable, Encodable {
    /// The framework (CFDocument identifier).
    public let frameworkID: FrameworkID
    /// Its title.
    public let title: String
    /// Whether the framework's document was created, updated or unchanged.
    public let document: FrameworkSaveCounts.Change
    /// Competencies (CFItems) created, updated, unchanged and retired.
    public let items: RecordCounts
    /// Associations created, updated, unchanged and retired.
    public let associations: RecordCounts
    /// Oddities understood and accepted, each with its JSON pointer into the package.
    public let warnings: [CASEWarning]

    /// Makes a result.
    public init(frameworkID: FrameworkID, title: String, document: FrameworkSaveCounts.Change, items: RecordCounts,
                associations: RecordCounts, warnings: [CASEWarning]) {
        self.frameworkID = frameworkID
        self.title = title
        self.document = document
        self.items = items
        self.associations = associations
        self.warnings = warnings
    }

    private enum CodingKeys: String, CodingKey { case frameworkId, title, document, items, associations, warnings }

    /// `{"frameworkId", "title", "document": "created", "items": {"created", "updated",
    /// "unchanged", "retired"}, "associations": {…}, "warnings": [{"pointer", "message"}]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(frameworkID.description, forKey: .frameworkId)
        try container.encode(title, forKey: .title)
        try container.encode(document, forKey: .document)
        try container.encode(items, forKey: .items)
        try container.encode(associations, forKey: .associations)
        try container.encode(warnings, forKey: .warnings)
    }
}
