public import Foundation
public import PathfolioCore

/// Tokens as an admin manages them (create, list, revoke), in the caller's transaction.
/// Authentication reads tokens through ``ApiTokenStore`` instead, before any tenant is known.
public struct TokenRegistryStore: Sendable {
    /// A token as listed (never its secret, which is not stored).
    public struct Entry: Sendable {
        public let id: UUID
        public let personID: PersonID
        public let label: String
        public let createdAt: Date
        public let expiresAt: Date?
        public let revokedAt: Date?
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Records a token (by its hash) and returns it.
    public func insert(id: UUID, hash: [UInt8], person: PersonID, label: String, expiresAt: Date?) async throws -> Entry {
        let rows = try await connection.query("""
            INSERT INTO api_tokens (id, institution_id, person_id, token_hash, label, expires_at)
            VALUES (\(id), pathfolio_current_institution(), \(person), \(PostgresBytes(hash)), \(label), \(expiresAt))
            RETURNING id, person_id, label, created_at, expires_at, revoked_at
            """)
        return try Self.entry(rows[0])
    }

    /// One token.
    public func token(_ id: UUID) async throws -> Entry? {
        try await connection.query("""
            SELECT id, person_id, label, created_at, expires_at, revoked_at FROM api_tokens WHERE id = \(id)
            """).first.map(Self.entry)
    }

    /// Tokens, newest first, optionally of one person, after the keyset position.
    public func tokens(of person: PersonID?, after: (Date, UUID)?, limit: Int) async throws -> [Entry] {
        try await connection.query("""
            SELECT id, person_id, label, created_at, expires_at, revoked_at FROM api_tokens
            WHERE (\(person)::uuid IS NULL OR person_id = \(person))
              AND (\(after?.0)::timestamptz IS NULL OR (created_at, id) < (\(after?.0), \(after?.1)))
            ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """).map(Self.entry)
    }

    /// Revokes a token (the row stays, for the record); returns it, or nil when there is none.
    public func revoke(_ id: UUID) async throws -> Entry? {
        try await connection.query("""
            UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = \(id)
            RETURNING id, person_id, label, created_at, expires_at, revoked_at
            """).first.map(Self.entry)
    }

    private static func entry(_ row: PostgresRow) throws -> Entry {
        Entry(id: try row.decode(UUID.self, at: 0), personID: try row.decode(PersonID.self, at: 1),
              label: try row.decode(String.self, at: 2), createdAt: try row.decode(Date.self, at: 3),
              expiresAt: try row.decode(Date?.self, at: 4), revokedAt: try row.decode(Date?.self, at: 5))
    }
}
