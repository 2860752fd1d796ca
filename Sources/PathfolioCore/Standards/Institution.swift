/// The tenant: every record belongs to exactly one institution.
public struct Institution: Sendable, Hashable, Codable {
    /// The institution's id.
    public let id: InstitutionID
    /// Its name, printed as the issuer of transcripts.
    public var name: String
    /// IANA time zone (e.g. `America/Chicago`) in which an as-of *date* ends.
    public var timeZoneIdentifier: String

    /// Makes an institution.
    public init(id: InstitutionID, name: String, timeZoneIdentifier: String) {
        self.id = id
        self.name = name
        self.timeZoneIdentifier = timeZoneIdentifier
    }
}
