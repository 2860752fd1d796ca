import Foundation

/// A row of `users.csv` (1.1 or 1.2 columns; fields a version lacks stay empty).
@dynamicMemberLookup
public struct OneRosterUser: Sendable, Hashable {
    /// The fields every OneRoster record has (`sourcedId`, `status`, …), readable directly
    /// on the record (`record.sourcedId`).
    public var fields: OneRosterRecordFields
    /// Whether the account is enabled (`enabledUser`).
    public var enabledUser: Bool
    /// 1.1 `orgSourcedIds` (in 1.2 the orgs come from `roles.csv` and `primaryOrgSourcedId`).
    public var orgSourcedIds: [String]
    /// 1.1 single `role` column (`administrator`, `aide`, `guardian`, `parent`, `proctor`, `relative`, `student`, `teacher`); `nil` in 1.2.
    public var role: String?
    /// Login name.
    public var username: String
    /// `userIds`: identifiers in other systems, as written (`{LDAP:12}` …).
    public var userIds: [String]
    /// Given name.
    public var givenName: String
    /// Family name.
    public var familyName: String
    /// Middle name.
    public var middleName: String?
    /// Human identifier (student number …).
    public var identifier: String?
    /// E-mail address.
    public var email: String?
    /// SMS number.
    public var sms: String?
    /// Phone number.
    public var phone: String?
    /// Related users (parents, guardians …).
    public var agentSourcedIds: [String]
    /// Grade levels.
    public var grades: [String]
    /// Password, if the source sent one (never logged).
    public var password: String?
    /// 1.2 `userMasterIdentifier`.
    public var userMasterIdentifier: String?
    /// 1.2 `preferredGivenName`.
    public var preferredGivenName: String?
    /// 1.2 `preferredMiddleName`.
    public var preferredMiddleName: String?
    /// 1.2 `preferredFamilyName`.
    public var preferredFamilyName: String?
    /// 1.2 `primaryOrgSourcedId`.
    public var primaryOrgSourcedId: String?
    /// 1.2 `pronouns`.
    public var pronouns: String?

    public subscript<Value>(dynamicMember keyPath: KeyPath<OneRosterRecordFields, Value>) -> Value {
        fields[keyPath: keyPath]
    }
}
