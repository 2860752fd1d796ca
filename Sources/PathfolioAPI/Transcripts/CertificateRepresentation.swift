import Foundation
import PathfolioCrypto
import PathfolioPostgres

/// A certified transcript's facts (`201` of certify, `200` of revoke): what was frozen, by whom,
/// the SHA-256 of each stored format, where to read each, and whether it is revoked.
struct CertificateRepresentation: Encodable {
    struct Revocation: Encodable {
        let revokedAt: Date
        let revokedBy: String
        let reason: String
    }

    let id: String
    let learnerId: String
    let asOf: Date
    let certifiedAt: Date
    let certifiedBy: String
    let credentialId: String
    let signingKeyId: String
    let status: String
    let revocation: Revocation?
    let sha256: [String: String]
    let formats: [String: String]

    init(_ certificate: CertifiedTranscriptStore.Certificate) {
        id = certificate.id.uuidString.lowercased()
        learnerId = certificate.learnerID.description
        asOf = certificate.asOf
        certifiedAt = certificate.certifiedAt
        certifiedBy = certificate.certifiedBy.description
        credentialId = certificate.credentialID
        signingKeyId = certificate.signingKeyID
        status = certificate.revokedAt == nil ? "valid" : "revoked"
        if let at = certificate.revokedAt, let by = certificate.revokedBy, let reason = certificate.revokeReason {
            revocation = Revocation(revokedAt: at, revokedBy: by.description, reason: reason)
        } else {
            revocation = nil
        }
        var digests: [String: String] = [:]
        for (format, digest) in certificate.digests { digests[format.rawValue] = SHA256.hex(digest) }
        sha256 = digests
        let location = CertificateRepresentation.location(certificate.id)
        formats = Dictionary(uniqueKeysWithValues: TranscriptFormat.allCases.map { ($0.rawValue, "\(location)?format=\($0.rawValue)") })
    }

    static func location(_ id: UUID) -> String { "/v1/transcripts/certified/" + id.uuidString.lowercased() }
}
