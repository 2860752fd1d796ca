public import PathfolioCore

/// People, their roles and relationships, read and written in the caller's transaction
/// (whose tenant row-level security already fixes).
public struct PersonStore: Sendable {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The person `id` of the transaction's institution, or nil when there is none there.
    public func profile(of id: PersonID) async throws -> PersonProfile? {
        try await profiles(only: id, role: nil, after: nil, limit: 1).first
    }

    /// People in id order after `after`, optionally only those holding `role`.
    public func profiles(role: Role?, after: PersonID?, limit: Int) async throws -> [PersonProfile] {
        try await profiles(only: nil, role: role, after: after, limit: limit)
    }

    private func profiles(only id: PersonID?, role: Role?, after: PersonID?, limit: Int) async throws -> [PersonProfile] {
        try await connection.query("""
            SELECT p.id, p.institution_id, p.given_name, p.family_name, p.email, p.cohort,
                   array(SELECT r.role FROM person_roles r WHERE r.person_id = p.id ORDER BY r.role) AS roles
            FROM people p
            WHERE (\(id)::uuid IS NULL OR p.id = \(id))
              AND (\(role?.rawValue)::text IS NULL
                   OR EXISTS (SELECT 1 FROM person_roles x WHERE x.person_id = p.id AND x.role = \(role?.rawValue)))
              AND (\(after)::uuid IS NULL OR p.id > \(after))
            ORDER BY p.id LIMIT \(limit)
            """).map { row in
            PersonProfile(
                id: try row.decode(PersonID.self, named: "id"),
                institutionID: try row.decode(InstitutionID.self, named: "institution_id"),
                givenName: try row.decode(String.self, named: "given_name"),
                familyName: try row.decode(String.self, named: "family_name"),
                email: try row.decode(String?.self, named: "email"),
                roles: Set(try row.decode([String].self, named: "roles").compactMap(Role.init(rawValue:))),
                cohort: try row.decode(String?.self, named: "cohort"))
        }
    }

    /// Adds a person with their roles; false when `sourcedID` is already taken.
    public func create(_ person: PersonProfile, sourcedID: String?) async throws -> Bool {
        let rows = try await connection.query("""
            WITH p AS (
                INSERT INTO people (id, institution_id, source_id, given_name, family_name, email, cohort)
                VALUES (\(person.id), \(person.institutionID), \(sourcedID), \(person.givenName), \(person.familyName), \(person.email),
                        \(person.cohort))
                ON CONFLICT (institution_id, source_id) DO NOTHING
                RETURNING id, institution_id)
            INSERT INTO person_roles (institution_id, person_id, role)
            SELECT p.institution_id, p.id, r FROM p, unnest(\(person.roles.map(\.rawValue).sorted())::text[]) AS r
            RETURNING person_id
            """)
        return !rows.isEmpty
    }

    /// The transaction's current person (`pathfolio_current_person()`, set with the tenant
    /// by ``ApiTokenStore/opening(hash:validAt:)``) as an actor; nil when there is none.
    public static func currentRequester() -> PostgresStatement<Requester?> {
        requester("""
            SELECT p.id, p.institution_id,
                   array(SELECT role FROM person_roles WHERE person_id = p.id) AS roles,
                   array(SELECT learner_id FROM advising WHERE advisor_id = p.id) AS caseload,
                   array(SELECT learner_id FROM teaching WHERE assessor_id = p.id
                         UNION
                         SELECT l.person_id FROM class_members a
                         JOIN class_members l ON l.class_id = a.class_id AND l.role = 'learner'
                         WHERE a.person_id = p.id AND a.role = 'assessor') AS taught
            FROM people p WHERE p.id = pathfolio_current_person()
            """)
    }

    private static func requester(_ query: PostgresQuery) -> PostgresStatement<Requester?> {
        PostgresStatement(query) { rows in
            guard let row = rows.first else { return nil }
            return Requester(
                personID: try row.decode(PersonID.self, at: 0), institutionID: try row.decode(InstitutionID.self, at: 1),
                roles: Set(try row.decode([String].self, at: 2).compactMap(Role.init(rawValue:))),
                caseload: Set(try row.decode([PersonID].self, at: 3)),
                taughtLearners: Set(try row.decode([PersonID].self, at: 4)))
        }
    }
}
