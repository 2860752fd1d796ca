/// What a save did to one kind of record.
public struct RecordCounts: Sendable, Hashable, Codable {
    /// New rows.
    public var created: Int
    /// Existing rows whose content changed (or that came back from retirement).
    public var updated: Int
    /// Existing rows saved again with identical content, left untouched.
    public var unchanged: Int
    /// Rows absent from the newer version, marked retired (never deleted).
    public var retired: Int

    /// Makes counts.
    public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0, retired: Int = 0) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.retired = retired
    }
}
