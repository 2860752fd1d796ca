import Foundation
public import PathfolioCore

/// A row of `academicSessions.csv` (term, semester, grading period, school year).
@dynamicMemberLookup
public struct OneRosterAcademicSession: Sendable, Hashable {
    /// The fields every OneRoster record has (`sourcedId`, `status`, …), readable directly
    /// on the record (`record.sourcedId`).
    public var fields: OneRosterRecordFields
    /// Title.
    public var title: String
    /// `gradingPeriod`, `semester`, `schoolYear`, `term` or `ext:…`.
    public var type: String
    /// First day (nil only in a rejected package, where the cell was missing or invalid).
    public var startDate: CalendarDate?
    /// Last day (nil only in a rejected package, where the cell was missing or invalid).
    public var endDate: CalendarDate?
    /// Enclosing session, if any.
    public var parentSourcedId: String?
    /// School year (`YYYY`).
    public var schoolYear: String

    public subscript<Value>(dynamicMember keyPath: KeyPath<OneRosterRecordFields, Value>) -> Value {
        fields[keyPath: keyPath]
    }
}
