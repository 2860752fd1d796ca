public import Foundation
public import PathfolioCore

/// Institutions: resolving a slug before any tenant is set, listing them for operators'
/// tools, and the current tenant's settings.
public struct InstitutionStore: Sendable {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The institution with `slug`, if any (works without a tenant).
    public func id(forSlug slug: String) async throws -> InstitutionID? {
        try await connection.query("SELECT pathfolio_institution_by_slug(\(slug))")[0].decode(InstitutionID?.self, at: 0)
    }

    /// Every institution, by slug (works without a tenant; for operators' tools).
    public func all() async throws -> [(id: InstitutionID, slug: String)] {
        try await connection.query("SELECT id, slug FROM pathfolio_institutions()").map {
            (try $0.decode(InstitutionID.self, at: 0), try $0.decode(String.self, at: 1))
        }
    }

    /// The current tenant's time zone (dates in `asOf` end at midnight there).
    public func timeZone() async throws -> TimeZone {
        try await connection.run(Self.timeZone())
    }

    /// ``timeZone()`` as a statement, to send with others.
    public static func timeZone() -> PostgresStatement<TimeZone> {
        PostgresStatement("SELECT time_zone FROM institutions WHERE id = pathfolio_current_institution()") { rows in
            try rows.first.flatMap { TimeZone(identifier: try $0.decode(String.self, at: 0)) } ?? TimeZone(identifier: "UTC")!
        }
    }

    /// The current tenant's credential-signing algorithm (`RS256` or `EdDSA`).
    public static func credentialAlgorithm() -> PostgresStatement<String> {
        PostgresStatement("SELECT credential_algorithm FROM institutions WHERE id = pathfolio_current_institution()") { rows in
            try rows.first?.decode(String.self, at: 0) ?? "RS256"
        }
    }

    /// ``credentialAlgorithm()`` run now.
    public func credentialAlgorithm() async throws -> String {
        try await connection.run(Self.credentialAlgorithm())
    }

    /// Sets the current tenant's credential-signing algorithm; returns the one it replaced.
    public func setCredentialAlgorithm(_ algorithm: String) async throws -> String {
        try await connection.query("""
            UPDATE institutions n SET credential_algorithm = \(algorithm)
            FROM institutions o WHERE n.id = pathfolio_current_institution() AND o.id = n.id
            RETURNING o.credential_algorithm
            """)[0].decode(String.self, at: 0)
    }

    /// Whether an institution with this id exists (no tenant needed).
    public static func exists(_ institution: InstitutionID) -> PostgresStatement<Bool> {
        PostgresStatement("SELECT pathfolio_institution_exists(\(institution))") { rows in try rows[0].decode(Bool.self, at: 0) }
    }
}
