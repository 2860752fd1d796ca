public import Foundation

/// A row of `classes.csv`.
public struct OneRosterClass: Sendable, Hashable {
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
    /// Grade levels.
    public var grades: [String]
    /// The course this class is an instance of.
    public var courseSourcedId: String
    /// Class code.
    public var classCode: String?
    /// `homeroom`, `scheduled` or `ext:…`.
    public var classType: String
    /// Room.
    public var location: String?
    /// The school (an org).
    public var schoolSourcedId: String
    /// Terms (academic sessions).
    public var termSourcedIds: [String]
    /// Subjects.
    public var subjects: [String]
    /// Subject codes.
    public var subjectCodes: [String]
    /// Periods.
    public var periods: [String]
}
