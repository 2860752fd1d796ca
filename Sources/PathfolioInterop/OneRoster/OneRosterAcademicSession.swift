public import Foundation

/// A row of `academicSessions.csv` (term, semester, grading period, school year).
public struct OneRosterAcademicSession: Sendable, Hashable {
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
    /// Title.
    public var title: String
    /// `gradingPeriod`, `semester`, `schoolYear`, `term` or `ext:…`.
    public var type: String
    /// First day.
    public var startDate: OneRosterDate
    /// Last day.
    public var endDate: OneRosterDate
    /// Enclosing session, if any.
    public var parentSourcedId: String?
    /// School year (`YYYY`).
    public var schoolYear: String
}
