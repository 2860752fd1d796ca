import Foundation
public import PathfolioCore

/// A row of 1.2 `roles.csv`: one role of a user in an org.
@dynamicMemberLookup
public struct OneRosterRole: Sendable, Hashable {
    /// The fields every OneRoster record has (`sourcedId`, `status`, …), readable directly
    /// on the record (`record.sourcedId`).
    public var fields: OneRosterRecordFields
    /// The user holding the role.
    public var userSourcedId: String
    /// `primary` or `secondary`.
    public var roleType: String
    /// 1.2 role vocabulary (`aide`, `counselor`, `districtAdministrator`, `guardian`, `parent`, `principal`, `proctor`, `relative`, `siteAdministrator`, `student`, `systemAdministrator`, `teacher`) or `ext:…`.
    public var role: String
    /// First day of the role.
    public var beginDate: CalendarDate?
    /// Last day of the role.
    public var endDate: CalendarDate?
    /// The org in which the role is held.
    public var orgSourcedId: String
    /// The user profile the role applies to, if any.
    public var userProfileSourcedId: String?

    public subscript<Value>(dynamicMember keyPath: KeyPath<OneRosterRecordFields, Value>) -> Value {
        fields[keyPath: keyPath]
    }
}
