public import PathfolioCore

/// Whose transcripts a bulk export holds: the learners of an org (and of the orgs under it), of
/// a class, or of a cohort.
public enum TranscriptAudience: Sendable, Hashable {
    /// An org by id or OneRoster `sourcedId`, with its descendants (a district and its schools).
    case org(String)
    /// A class's learners.
    case schoolClass(ClassID)
    /// A cohort's learners.
    case cohort(String)

    /// A `SELECT id` of the audience's learners, for use as a subquery.
    var learners: PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        switch self {
        case .org(let org):
            let key = query.bind(org)
            query.append(sql: """
                SELECT DISTINCT l.person_id AS id FROM orgs o CROSS JOIN LATERAL pathfolio_org_learners(o.id) l
                WHERE o.id::text = \(key) OR o.source_id = \(key)
                """)
        case .schoolClass(let id):
            let key = query.bind(id)
            query.append(sql: "SELECT m.person_id AS id FROM class_members m WHERE m.class_id = \(key) AND m.role = 'learner'")
        case .cohort(let cohort):
            let key = query.bind(cohort)
            query.append(sql: """
                SELECT p.id FROM people p WHERE p.cohort = \(key)
                  AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = 'learner')
                """)
        }
        return query
    }

    /// Whether the org, class or cohort exists in the tenant.
    public func existence() -> PostgresStatement<Bool> {
        switch self {
        case .org(let org):
            PostgresStatement("SELECT EXISTS (SELECT 1 FROM orgs WHERE id::text = \(org) OR source_id = \(org))") { rows in
                try rows[0].decode(Bool.self, at: 0)
            }
        case .schoolClass(let id):
            PostgresStatement("SELECT EXISTS (SELECT 1 FROM classes WHERE id = \(id))") { rows in try rows[0].decode(Bool.self, at: 0) }
        case .cohort(let cohort):
            PostgresStatement("SELECT EXISTS (SELECT 1 FROM people WHERE cohort = \(cohort))") { rows in
                try rows[0].decode(Bool.self, at: 0)
            }
        }
    }
}
