public import Foundation

/// A row of 1.2 `userProfiles.csv` (an account in another system).
public struct OneRosterUserProfile: Sendable, Hashable {
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
    /// The user owning the profile.
    public var userSourcedId: String
    /// Profile type (free text).
    public var profileType: String
    /// Vendor identifier.
    public var vendorId: String
    /// Application identifier.
    public var applicationId: String?
    /// Description.
    public var description: String?
    /// Credential type.
    public var credentialType: String
    /// User name in that system.
    public var username: String?
    /// Password in that system.
    public var password: String?
}
