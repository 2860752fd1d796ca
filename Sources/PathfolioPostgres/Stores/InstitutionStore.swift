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
}
