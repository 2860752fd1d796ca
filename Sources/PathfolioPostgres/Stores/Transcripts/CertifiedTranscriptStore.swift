public import Foundation
public import PathfolioCore

/// Certified transcripts (SPEC §1.6): every format frozen at certification, read back byte for
/// byte; revocable once.
public enum CertifiedTranscriptStore {
    /// The formats a certified transcript holds, as their column names.
    public enum Format: String, Sendable, CaseIterable {
        case json, csv, html, clr
    }

    /// A certified transcript's facts, without its bytes.
    public struct Certificate: Sendable, Equatable {
        public let id: UUID
        public let learnerID: PersonID
        public let asOf: Date
        public let certifiedAt: Date
        public let certifiedBy: PersonID
        public let credentialID: String
        public let signingKeyID: String
        public let digests: [Format: [UInt8]]
        public let revokedAt: Date?
        public let revokedBy: PersonID?
        public let revokeReason: String?
    }

    /// What certifying stores.
    public struct Frozen: Sendable {
        public let id: UUID
        public let learnerID: PersonID
        public let asOf: Date
        public let certifiedAt: Date
        public let certifiedBy: PersonID
        public let credentialID: String
        public let signingKeyID: String
        public let documents: [Format: [UInt8]]
        public let digests: [Format: [UInt8]]

        public init(id: UUID, learnerID: PersonID, asOf: Date, certifiedAt: Date, certifiedBy: PersonID, credentialID: String,
                    signingKeyID: String, documents: [Format: [UInt8]], digests: [Format: [UInt8]]) {
            self.id = id
            self.learnerID = learnerID
            self.asOf = asOf
            self.certifiedAt = certifiedAt
            self.certifiedBy = certifiedBy
            self.credentialID = credentialID
            self.signingKeyID = signingKeyID
            self.documents = documents
            self.digests = digests
        }

        /// The certificate this becomes once stored (not revoked).
        public var certificate: Certificate {
            Certificate(id: id, learnerID: learnerID, asOf: asOf, certifiedAt: certifiedAt, certifiedBy: certifiedBy,
                        credentialID: credentialID, signingKeyID: signingKeyID, digests: digests, revokedAt: nil,
                        revokedBy: nil, revokeReason: nil)
        }
    }

    /// Stores a certification.
    public static func insertion(_ frozen: Frozen) -> PostgresStatement<Void> {
        func bytes(_ format: Format) -> PostgresBytes { PostgresBytes(frozen.documents[format] ?? []) }
        func digest(_ format: Format) -> PostgresBytes { PostgresBytes(frozen.digests[format] ?? []) }
        return PostgresStatement("""
            INSERT INTO certified_transcripts (institution_id, id, learner_id, as_of, certified_at, certified_by, credential_id,
                json, csv, html, clr, json_sha256, csv_sha256, html_sha256, clr_sha256, signing_kid)
            VALUES (pathfolio_current_institution(), \(frozen.id), \(frozen.learnerID), \(frozen.asOf), \(frozen.certifiedAt),
                \(frozen.certifiedBy), \(frozen.credentialID), \(bytes(.json)), \(bytes(.csv)), \(bytes(.html)), \(bytes(.clr)),
                \(digest(.json)), \(digest(.csv)), \(digest(.html)), \(digest(.clr)), \(frozen.signingKeyID))
            """) { _ in }
    }

    private static let certificateColumns = """
        id, learner_id, as_of, certified_at, certified_by, credential_id, signing_kid,
        json_sha256, csv_sha256, html_sha256, clr_sha256, revoked_at, revoked_by, revoke_reason
        """

    /// A certificate, and the bytes of one format.
    public static func document(_ id: UUID, format: Format) -> PostgresStatement<(Certificate, [UInt8])?> {
        PostgresStatement("""
            SELECT \(unescaped: certificateColumns), \(unescaped: format.rawValue) FROM certified_transcripts WHERE id = \(id)
            """) { rows in
            try rows.first.map { (try certificate(from: $0), try $0.decode(PostgresBytes.self, at: 14).bytes) }
        }
    }

    /// A certificate, locked for revoking when `forUpdate`.
    public static func certificate(_ id: UUID, forUpdate: Bool = false) -> PostgresStatement<Certificate?> {
        PostgresStatement("""
            SELECT \(unescaped: certificateColumns) FROM certified_transcripts WHERE id = \(id)
            \(unescaped: forUpdate ? "FOR UPDATE" : "")
            """) { rows in try rows.first.map(certificate(from:)) }
    }

    /// Revokes: records who, when (the transaction's time) and why.
    public static func revocation(_ id: UUID, by person: PersonID, reason: String) -> PostgresStatement<Void> {
        PostgresStatement("""
            UPDATE certified_transcripts SET revoked_at = now(), revoked_by = \(person), revoke_reason = \(reason)
            WHERE id = \(id) AND revoked_at IS NULL
            """) { _ in }
    }

    private static func certificate(from row: PostgresRow) throws -> Certificate {
        var digests: [Format: [UInt8]] = [:]
        for (offset, format) in [Format.json, .csv, .html, .clr].enumerated() {
            digests[format] = try row.decode(PostgresBytes.self, at: 7 + offset).bytes
        }
        return Certificate(
            id: try row.decode(UUID.self, at: 0), learnerID: try row.decode(PersonID.self, at: 1),
            asOf: try row.decode(Date.self, at: 2), certifiedAt: try row.decode(Date.self, at: 3),
            certifiedBy: try row.decode(PersonID.self, at: 4), credentialID: try row.decode(String.self, at: 5),
            signingKeyID: try row.decode(String.self, at: 6), digests: digests,
            revokedAt: try row.decode(Date?.self, at: 11), revokedBy: try row.decode(PersonID?.self, at: 12),
            revokeReason: try row.decode(String?.self, at: 13))
    }
}
