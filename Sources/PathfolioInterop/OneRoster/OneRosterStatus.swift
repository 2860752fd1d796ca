/// A record's `status` column.
public enum OneRosterStatus: String, Sendable, Hashable, Codable {
    /// The record exists.
    case active
    /// The record is to be removed (delta), or is already retired at the source.
    case tobedeleted
}
