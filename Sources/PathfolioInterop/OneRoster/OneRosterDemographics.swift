import Foundation
public import PathfolioCore

/// A row of `demographics.csv` (its `sourcedId` is the user's).
@dynamicMemberLookup
public struct OneRosterDemographics: Sendable, Hashable {
    /// The fields every OneRoster record has (`sourcedId`, `status`, …), readable directly
    /// on the record (`record.sourcedId`).
    public var fields: OneRosterRecordFields
    /// Birth date.
    public var birthDate: CalendarDate?
    /// `male`, `female`, `unspecified`, `other` or `ext:…`.
    public var sex: String?
    /// Race and ethnicity flags, by column name (`asian`, `white`, `hispanicOrLatinoEthnicity`, …); blank cells omitted.
    public var flags: [String: Bool]
    /// Country of birth code.
    public var countryOfBirthCode: String?
    /// State of birth abbreviation.
    public var stateOfBirthAbbreviation: String?
    /// City of birth.
    public var cityOfBirth: String?
    /// Public school residence status.
    public var publicSchoolResidenceStatus: String?

    public subscript<Value>(dynamicMember keyPath: KeyPath<OneRosterRecordFields, Value>) -> Value {
        fields[keyPath: keyPath]
    }
}
