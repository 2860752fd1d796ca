import Foundation
public import PathfolioCore

/// A row of `enrollments.csv`: a user in a class, with a role (the source of teaching relationships).
@dynamicMemberLookup
public struct OneRosterEnrollment: Sendable, Hashable {
    /// The fields every OneRoster record has (`sourcedId`, `status`, …), readable directly
    /// on the record (`record.sourcedId`).
    public var fields: OneRosterRecordFields
    /// The class.
    public var classSourcedId: String
    /// The school (an org).
    public var schoolSourcedId: String
    /// The user.
    public var userSourcedId: String
    /// `administrator`, `proctor`, `student`, `teacher` or `ext:…`.
    public var role: String
    /// Whether this teacher is the primary one.
    public var primary: Bool?
    /// First day.
    public var beginDate: CalendarDate?
    /// Last day.
    public var endDate: CalendarDate?

    public subscript<Value>(dynamicMember keyPath: KeyPath<OneRosterRecordFields, Value>) -> Value {
        fields[keyPath: keyPath]
    }
}
