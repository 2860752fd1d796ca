import Foundation
public import PathfolioCore

/// The demo institution `pathfolio dev` loads: a school with people in every role.
/// Loading is idempotent (keyed by the institution's slug and the people's source ids), so a
/// second `dev` run finds it in place.
public enum DemoInstitution {
    public static let slug = "demo"

    /// Who the demo holds, by OneRoster-style source id: (source id, given, family, roles).
    static let people: [(String, String, String, [Role])] = [
        ("demo-admin", "Ada", "Admin", [.admin]),
        ("demo-registrar", "Rosa", "Registrar", [.registrar]),
        ("demo-advisor", "Alan", "Advisor", [.advisor]),
        ("demo-assessor", "Tess", "Assessor", [.assessor]),
        ("demo-learner-1", "Lena", "Learner", [.learner]),
        ("demo-learner-2", "Luis", "Learner", [.learner]),
    ]

    /// The loaded demo: the institution and its people by source id.
    public struct Loaded: Sendable {
        public let institution: InstitutionID
        public let people: [String: PersonID]
        /// The demo admin.
        public var admin: PersonID { people["demo-admin"]! }
    }

    /// Ensures the demo institution exists (run as the owner, who may create institutions), with
    /// the advisor advising and the assessor teaching both learners, and returns it.
    public static func load(on connection: PostgresConnection) async throws -> Loaded {
        try await connection.execute(script: "BEGIN")
        do {
            let institution = try await connection.query("""
                INSERT INTO institutions (id, slug, name, time_zone)
                VALUES (\(UUID()), \(slug), 'Pathfolio Demo School', 'UTC')
                ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
                RETURNING id
                """)[0].decode(InstitutionID.self, at: 0)
            try await connection.query("SELECT set_config('pathfolio.institution_id', \(institution.description), true)")
            var ids: [String: PersonID] = [:]
            for (source, given, family, roles) in people {
                let person = try await connection.query("""
                    INSERT INTO people (id, institution_id, source_id, given_name, family_name, email)
                    VALUES (\(UUID()), \(institution), \(source), \(given), \(family), \(source + "@demo.pathfolio.invalid"))
                    ON CONFLICT (institution_id, source_id) DO UPDATE SET updated_at = people.updated_at
                    RETURNING id
                    """)[0].decode(PersonID.self, at: 0)
                for role in roles {
                    try await connection.query("""
                        INSERT INTO person_roles (institution_id, person_id, role) VALUES (\(institution), \(person), \(role.rawValue))
                        ON CONFLICT DO NOTHING
                        """)
                }
                ids[source] = person
            }
            for learner in ["demo-learner-1", "demo-learner-2"] {
                try await connection.query("""
                    INSERT INTO advising (institution_id, advisor_id, learner_id)
                    VALUES (\(institution), \(ids["demo-advisor"]!), \(ids[learner]!)) ON CONFLICT DO NOTHING
                    """)
                try await connection.query("""
                    INSERT INTO teaching (institution_id, assessor_id, learner_id)
                    VALUES (\(institution), \(ids["demo-assessor"]!), \(ids[learner]!)) ON CONFLICT DO NOTHING
                    """)
            }
            try await connection.execute(script: "COMMIT")
            return Loaded(institution: institution, people: ids)
        } catch {
            _ = try? await connection.execute(script: "ROLLBACK")
            throw error
        }
    }
}
