public import Foundation

/// A row of `enrollments.csv`: a user in a class, with a role (the source of teaching relationships).
public struct OneRosterEnrollment: Sendable, Hashable {
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
    public var beginDate: OneRosterDate?
    /// Last day.
    public var endDate: OneRosterDate?
}
