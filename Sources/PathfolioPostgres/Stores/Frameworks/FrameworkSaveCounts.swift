/// What saving a framework package did.
public struct FrameworkSaveCounts: Sendable, Hashable {
    /// What happened to one record.
    public enum Change: String, Sendable, Hashable, Codable {
        /// It was new.
        case created
        /// It existed with different content.
        case updated
        /// It existed with identical content and was left untouched.
        case unchanged
    }

    /// The framework's own row (document, definitions, package members).
    public var document: Change
    /// The competencies (CFItems).
    public var items: RecordCounts
    /// The associations (CFAssociations).
    public var associations: RecordCounts

    /// Makes counts.
    public init(document: Change, items: RecordCounts, associations: RecordCounts) {
        self.document = document
        self.items = items
        self.associations = associations
    }
}
