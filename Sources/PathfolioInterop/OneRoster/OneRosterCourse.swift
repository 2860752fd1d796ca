import Foundation

/// A row of `courses.csv`.
@dynamicMemberLookup
public struct OneRosterCourse: Sendable, Hashable {
    /// The fields every OneRoster record has (`sourcedId`, `status`, …), readable directly
    /// on the record (`record.sourcedId`).
    public var fields: OneRosterRecordFields
    /// The school year (an academic session).
    public var schoolYearSourcedId: String?
    /// Title.
    public var title: String
    /// Course code.
    public var courseCode: String?
    /// Grade levels.
    public var grades: [String]
    /// The owning org.
    public var orgSourcedId: String
    /// Subjects.
    public var subjects: [String]
    /// Subject codes.
    public var subjectCodes: [String]

    public subscript<Value>(dynamicMember keyPath: KeyPath<OneRosterRecordFields, Value>) -> Value {
        fields[keyPath: keyPath]
    }
}
