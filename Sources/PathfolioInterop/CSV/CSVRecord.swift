/// One CSV record (row) as read by ``CSVReader``.
public struct CSVRecord: Sendable, Hashable {
    /// The fields, unquoted, in order.
    public var fields: [String]
    /// The physical line (1-based) on which the record starts. A record whose quoted
    /// fields contain line breaks spans several physical lines; the next record's
    /// `line` accounts for them.
    public var line: Int

    /// Creates a record.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
