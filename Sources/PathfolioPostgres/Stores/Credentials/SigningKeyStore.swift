public import Foundation
public import PathfolioCore

/// Institutions' credential-signing keys (`signing_keys`): the current key of an algorithm,
/// creating one, rotating, and the published public keys. Private keys arrive and leave sealed;
/// this store never sees them in the clear.
///
/// Tenant-scoped methods work on the transaction's institution (row-level security); the
/// `published` statements read every institution's public keys through SECURITY DEFINER
/// functions that expose nothing private.
public struct SigningKeyStore: Sendable {
    /// A key as stored, its private half sealed.
    public struct StoredKey: Sendable, Hashable {
        public let kid: String
        public let institution: InstitutionID
        /// `RS256` or `EdDSA`.
        public let algorithm: String
        /// The public JWK's JSON text.
        public let publicJWK: String
        public let sealedPrivateKey: [UInt8]
        public let nonce: [UInt8]
        public let createdAt: Date
        public let retiredAt: Date?

        public init(kid: String, institution: InstitutionID, algorithm: String, publicJWK: String,
                    sealedPrivateKey: [UInt8], nonce: [UInt8], createdAt: Date, retiredAt: Date?) {
            self.kid = kid
            self.institution = institution
            self.algorithm = algorithm
            self.publicJWK = publicJWK
            self.sealedPrivateKey = sealedPrivateKey
            self.nonce = nonce
            self.createdAt = createdAt
            self.retiredAt = retiredAt
        }
    }

    /// A public key as published.
    public struct PublishedKey: Sendable, Hashable {
        public let kid: String
        public let institution: InstitutionID
        public let algorithm: String
        public let publicJWK: String
        public let createdAt: Date
        public let retiredAt: Date?
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    private static let storedColumns = "kid, institution_id, algorithm, public_jwk, private_key_sealed, private_key_nonce, created_at, retired_at"

    private static func stored(_ row: PostgresRow) throws -> StoredKey {
        StoredKey(kid: try row.decode(String.self, at: 0), institution: try row.decode(InstitutionID.self, at: 1),
                  algorithm: try row.decode(String.self, at: 2), publicJWK: try row.decode(PostgresJSON.self, at: 3).text,
                  sealedPrivateKey: try row.decode(PostgresBytes.self, at: 4).bytes, nonce: try row.decode(PostgresBytes.self, at: 5).bytes,
                  createdAt: try row.decode(Date.self, at: 6), retiredAt: try row.decode(Date?.self, at: 7))
    }

    private static func published(_ row: PostgresRow) throws -> PublishedKey {
        PublishedKey(kid: try row.decode(String.self, at: 0), institution: try row.decode(InstitutionID.self, at: 1),
                     algorithm: try row.decode(String.self, at: 2), publicJWK: try row.decode(PostgresJSON.self, at: 3).text,
                     createdAt: try row.decode(Date.self, at: 4), retiredAt: try row.decode(Date?.self, at: 5))
    }

    /// The current tenant's unretired key for `algorithm`, if it has one.
    public static func current(algorithm: String) -> PostgresStatement<StoredKey?> {
        PostgresStatement("""
            SELECT \(unescaped: storedColumns) FROM signing_keys
            WHERE institution_id = pathfolio_current_institution() AND algorithm = \(algorithm) AND retired_at IS NULL
            """) { rows in try rows.first.map(stored) }
    }

    /// The current tenant's institution, its credential algorithm and its current key of that
    /// algorithm (nil when it has none yet), in one statement; nil without a tenant.
    public static func currentForInstitution() -> PostgresStatement<(institution: InstitutionID, algorithm: String, key: StoredKey?)?> {
        PostgresStatement("""
            SELECT i.id, i.credential_algorithm, k.kid, k.institution_id, k.algorithm, k.public_jwk, k.private_key_sealed,
                   k.private_key_nonce, k.created_at, k.retired_at
            FROM institutions i
            LEFT JOIN signing_keys k ON k.institution_id = i.id AND k.algorithm = i.credential_algorithm AND k.retired_at IS NULL
            WHERE i.id = pathfolio_current_institution()
            """) { rows in
            guard let row = rows.first else { return nil }
            let institution = try row.decode(InstitutionID.self, at: 0)
            let algorithm = try row.decode(String.self, at: 1)
            guard try row.decode(String?.self, at: 2) != nil else { return (institution, algorithm, nil) }
            return (institution, algorithm, StoredKey(
                kid: try row.decode(String.self, at: 2), institution: try row.decode(InstitutionID.self, at: 3),
                algorithm: try row.decode(String.self, at: 4), publicJWK: try row.decode(PostgresJSON.self, at: 5).text,
                sealedPrivateKey: try row.decode(PostgresBytes.self, at: 6).bytes, nonce: try row.decode(PostgresBytes.self, at: 7).bytes,
                createdAt: try row.decode(Date.self, at: 8), retiredAt: try row.decode(Date?.self, at: 9)))
        }
    }

    /// ``current(algorithm:)`` run now.
    public func current(algorithm: String) async throws -> StoredKey? {
        try await connection.run(Self.current(algorithm: algorithm))
    }

    /// One of the current tenant's keys by kid (retired or not).
    public func key(kid: String) async throws -> StoredKey? {
        try await connection.query("""
            SELECT \(unescaped: Self.storedColumns) FROM signing_keys
            WHERE institution_id = pathfolio_current_institution() AND kid = \(kid)
            """).first.map(Self.stored)
    }

    /// Adds `key` as the current tenant's current key of its algorithm, unless one appeared
    /// meanwhile (another request creating the first key at the same time): then nothing is
    /// inserted and the key that won is returned. Waits for a competing insert to commit.
    public func insertCurrent(_ key: StoredKey) async throws -> StoredKey {
        let inserted = try await connection.query("""
            INSERT INTO signing_keys (kid, institution_id, algorithm, public_jwk, private_key_sealed, private_key_nonce)
            VALUES (\(key.kid), pathfolio_current_institution(), \(key.algorithm), \(PostgresJSON(text: key.publicJWK)),
                    \(PostgresBytes(key.sealedPrivateKey)), \(PostgresBytes(key.nonce)))
            ON CONFLICT (institution_id, algorithm) WHERE retired_at IS NULL DO NOTHING
            RETURNING \(unescaped: Self.storedColumns)
            """)
        if let row = inserted.first { return try Self.stored(row) }
        guard let winner = try await current(algorithm: key.algorithm) else {
            throw PostgresError.invalidValue(column: "signing_keys", type: "a current key that vanished")
        }
        return winner
    }

    /// Retires the current tenant's current key of `key.algorithm` (if any) and makes `key`
    /// current, in the caller's transaction; returns the retired key's kid.
    public func rotate(to key: StoredKey) async throws -> String? {
        let retired = try await connection.query("""
            UPDATE signing_keys SET retired_at = now()
            WHERE institution_id = pathfolio_current_institution() AND algorithm = \(key.algorithm) AND retired_at IS NULL
            RETURNING kid
            """).first.map { try $0.decode(String.self, at: 0) }
        try await connection.query("""
            INSERT INTO signing_keys (kid, institution_id, algorithm, public_jwk, private_key_sealed, private_key_nonce)
            VALUES (\(key.kid), pathfolio_current_institution(), \(key.algorithm), \(PostgresJSON(text: key.publicJWK)),
                    \(PostgresBytes(key.sealedPrivateKey)), \(PostgresBytes(key.nonce)))
            """)
        return retired
    }

    /// The current tenant's keys, oldest first, public halves only.
    public func all() async throws -> [PublishedKey] {
        try await connection.query("""
            SELECT kid, institution_id, algorithm, public_jwk, created_at, retired_at FROM signing_keys
            WHERE institution_id = pathfolio_current_institution() ORDER BY created_at, kid
            """).map(Self.published)
    }

    /// Every institution's public keys, current and retired (no tenant needed).
    public static func published() -> PostgresStatement<[PublishedKey]> {
        PostgresStatement("SELECT * FROM pathfolio_published_signing_keys()") { rows in try rows.map(published) }
    }

    /// One public key by kid, from any institution (no tenant needed).
    public static func published(kid: String) -> PostgresStatement<PublishedKey?> {
        PostgresStatement("SELECT * FROM pathfolio_published_signing_key(\(kid))") { rows in try rows.first.map(published) }
    }
}
