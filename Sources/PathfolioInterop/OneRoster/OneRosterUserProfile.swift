import Foundation

/// A row of 1.2 `userProfiles.csv` (an account in another system).
@dynamicMemberLookup
public struct OneRosterUserProfile: Sendable, Hashable {
    /// The fields every OneRoster record has (`sourcedId`, `status`, …), readable directly
    /// on the record (`record.sourcedId`).
    public var fields: OneRosterRecordFields
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

    public subscript<Value>(dynamicMember keyPath: KeyPath<OneRosterRecordFields, Value>) -> Value {
        fields[keyPath: keyPath]
    }
}
