import Foundation

/// A row of `classes.csv`.
@dynamicMemberLookup
public struct OneRosterClass: Sendable, Hashable {
    /// The fields every OneRoster record has (`sourcedId`, `status`, …), readable directly
    /// on the record (`record.sourcedId`).
    public var fields: OneRosterRecordFields
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

    public subscript<Value>(dynamicMember keyPath: KeyPath<OneRosterRecordFields, Value>) -> Value {
        fields[keyPath: keyPath]
    }
}
