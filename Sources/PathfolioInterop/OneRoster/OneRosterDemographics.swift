public import Foundation

/// A row of `demographics.csv` (its `sourcedId` is the user's).
public struct OneRosterDemographics: Sendable, Hashable {
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
    /// Birth date.
    public var birthDate: OneRosterDate?
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
}
