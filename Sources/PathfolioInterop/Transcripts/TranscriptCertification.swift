public import Foundation

/// What a certified transcript says about its certification, printed in every format rendered
/// when it is frozen (SPEC §1.6).
public struct TranscriptCertification: Sendable, Hashable {
    /// The certified transcript's id (`/v1/transcripts/certified/{id}`).
    public let id: UUID
    /// When it was certified.
    public let certifiedAt: Date
    /// Who certified it (a registrar), by name.
    public let certifiedBy: String

    /// Describes a certification.
    public init(id: UUID, certifiedAt: Date, certifiedBy: String) {
        self.id = id
        self.certifiedAt = certifiedAt
        self.certifiedBy = certifiedBy
    }
}

extension Date {
    /// RFC 3339 in UTC with whole seconds (`2026-11-23T10:00:00Z`), as credentials and
    /// transcripts print instants.
    var rfc3339Seconds: String { formatted(.iso8601) }
}
