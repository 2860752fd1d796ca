public import PathfolioCore

/// People and their roles, always read inside their institution (row-level security).
public struct PersonStore: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) { self.pool = pool }

    /// The person `id` of `institution`, or nil when there is none there.
    public func profile(of id: PersonID, in institution: InstitutionID) async throws -> PersonProfile? {
        try await pool.withTransaction(settings: [("pathfolio.institution_id", institution.description)]) { connection in
            let rows = try await connection.query("""
                SELECT p.given_name, p.family_name, p.email,
                       coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
                FROM people p LEFT JOIN person_roles r ON r.person_id = p.id
                WHERE p.id = \(id)
                GROUP BY p.id
                """)
            guard let row = rows.first else { return nil }
            let roles = try row.decode([String].self, named: "roles").compactMap(Role.init(rawValue:))
            return PersonProfile(
                id: id, institutionID: institution,
                givenName: try row.decode(String.self, named: "given_name"),
                familyName: try row.decode(String.self, named: "family_name"),
                email: try row.decode(String?.self, named: "email"),
                roles: Set(roles))
        }
    }
}
