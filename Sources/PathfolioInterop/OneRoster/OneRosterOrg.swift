import Foundation

/// A row of `orgs.csv`: a school, district, department, …
@dynamicMemberLookup
public struct OneRosterOrg: Sendable, Hashable {
    /// The fields every OneRoster record has (`sourcedId`, `status`, …), readable directly
    /// on the record (`record.sourcedId`).
    public var fields: OneRosterRecordFields
    /// Display name.
    public var name: String
    /// `department`, `district`, `local`, `national`, `school`, `state` or `ext:…`.
    public var type: String
    /// Human identifier (e.g. state school code).
    public var identifier: String?
    /// The parent org, if any.
    public var parentSourcedId: String?

    public subscript<Value>(dynamicMember keyPath: KeyPath<OneRosterRecordFields, Value>) -> Value {
        fields[keyPath: keyPath]
    }
}
