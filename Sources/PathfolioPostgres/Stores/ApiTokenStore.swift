public import Foundation
public import PathfolioCore

/// Bearer tokens in `api_tokens`: only the SHA-256 of each secret is stored.
public struct ApiTokenStore: Sendable {
    /// What a presented token's hash resolves to.
    public struct Holder: Sendable, Equatable {
        public let tokenID: UUID
        public let institutionID: InstitutionID
        public let personID: PersonID
        public let expiresAt: Date?
        public let revokedAt: Date?
    }

    let pool: PostgresPool

    public init(pool: PostgresPool) { self.pool = pool }

    /// Records a new token for `person` and returns its id.
    public func insert(
        id: UUID, hash: [UInt8], institution: InstitutionID, person: PersonID, label: String, expiresAt: Date?
    ) async throws {
        try await pool.withTransaction(settings: [("pathfolio.institution_id", institution.description)]) { connection in
            _ = try await connection.query("""
                INSERT INTO api_tokens (id, institution_id, person_id, token_hash, label, expires_at)
                VALUES (\(id), \(institution), \(person), \(PostgresBytes(hash)), \(label), \(expiresAt))
                """)
        }
    }

    /// The holder of the token whose hash is `hash`, if any (expired and revoked ones included:
    /// the caller decides, so it can say which).
    public func holder(ofHash hash: [UInt8]) async throws -> Holder? {
        let rows = try await pool.query("""
            SELECT token_id, institution_id, person_id, expires_at, revoked_at FROM pathfolio_authenticate(\(PostgresBytes(hash)))
            """)
        guard let row = rows.first else { return nil }
        return Holder(
            tokenID: try row.decode(UUID.self, at: 0),
            institutionID: try row.decode(InstitutionID.self, at: 1),
            personID: try row.decode(PersonID.self, at: 2),
            expiresAt: try row.decode(Date?.self, at: 3),
            revokedAt: try row.decode(Date?.self, at: 4))
    }
}
