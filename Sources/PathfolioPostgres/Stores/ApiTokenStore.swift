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
        try Self.holder(try await pool.query("""
            SELECT token_id, institution_id, person_id, expires_at, revoked_at FROM pathfolio_authenticate(\(PostgresBytes(hash)))
            """))
    }

    /// A token found at the start of a transaction, and that transaction's start time
    /// (PostgreSQL's `now()`, which every default timestamp of the transaction takes).
    public struct Opening: Sendable, Equatable {
        public let holder: Holder
        public let transactionStartedAt: Date
    }

    /// Looks the token up inside the caller's transaction and, when it is valid at `now` (not
    /// revoked, not expired), makes its institution the transaction's tenant and its person
    /// the current person (`pathfolio_current_person()`); otherwise both stay unset, so the
    /// statements sent after it in the same round trip see and change nothing. One statement:
    /// authentication costs no round trip of its own. Nil when no token has this hash.
    public static func opening(hash: [UInt8], validAt now: Date) -> PostgresStatement<Opening?> {
        PostgresStatement("""
            SELECT t.token_id, t.institution_id, t.person_id, t.expires_at, t.revoked_at, now() AS started,
                   set_config('pathfolio.institution_id', CASE WHEN t.valid THEN t.institution_id::text ELSE '' END, true),
                   set_config('pathfolio.person_id', CASE WHEN t.valid THEN t.person_id::text ELSE '' END, true)
            FROM (SELECT a.*, a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > \(now)) AS valid
                  FROM pathfolio_authenticate(\(PostgresBytes(hash))) a) t
            """) { rows in
            guard let holder = try holder(rows) else { return nil }
            return Opening(holder: holder, transactionStartedAt: try rows[0].decode(Date.self, at: 5))
        }
    }

    private static func holder(_ rows: PostgresRows) throws -> Holder? {
        guard let row = rows.first else { return nil }
        return Holder(
            tokenID: try row.decode(UUID.self, at: 0),
            institutionID: try row.decode(InstitutionID.self, at: 1),
            personID: try row.decode(PersonID.self, at: 2),
            expiresAt: try row.decode(Date?.self, at: 3),
            revokedAt: try row.decode(Date?.self, at: 4))
    }
}
