public import Foundation

/// A row of 1.2 `roles.csv`: one role of a user in an org.
public struct OneRosterRole: Sendable, Hashable {
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
    /// The user holding the role.
    public var userSourcedId: String
    /// `primary` or `secondary`.
    public var roleType: String
    /// 1.2 role vocabulary (`aide`, `counselor`, `districtAdministrator`, `guardian`, `parent`, `principal`, `proctor`, `relative`, `siteAdministrator`, `student`, `systemAdministrator`, `teacher`) or `ext:…`.
    public var role: String
    /// First day of the role.
    public var beginDate: OneRosterDate?
    /// Last day of the role.
    public var endDate: OneRosterDate?
    /// The org in which the role is held.
    public var orgSourcedId: String
    /// The user profile the role applies to, if any.
    public var userProfileSourcedId: String?
}
