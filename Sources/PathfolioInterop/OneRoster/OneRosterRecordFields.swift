public import Foundation

/// The fields every OneRoster CSV record carries, whatever its table.
public struct OneRosterRecordFields: Sendable, Hashable {
    /// The record's identifier, unique in its file (the re-import key).
    public var sourcedId: String
    /// `active`, `tobedeleted`, or `nil` when blank (allowed in bulk files).
    public var status: OneRosterStatus?
    /// When the source last changed the record, if given.
    public var dateLastModified: Date?
    /// `metadata.*` columns, by full header name (blank cells omitted).
    public var metadata: [String: String]
    /// Columns neither in the spec nor `metadata.*` (vendor extensions, already warned about), by header name.
    public var vendorFields: [String: String]
    /// The physical line of the row in its file.
    public var line: Int
}
