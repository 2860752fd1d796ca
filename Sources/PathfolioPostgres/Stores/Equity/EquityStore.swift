public import Foundation
public import PathfolioCore

/// What the equity report reads (SPEC §1.7): the institution's minimum group size
/// (`equity_settings`, one row per institution; none means 10) and, per learner, the value of a
/// demographic field and how many of a framework's competencies they have mastered.
public struct EquityStore: Sendable {
    /// The setting in force and who set it last (nil for the default).
    public struct Settings: Sendable, Equatable {
        public let minimumGroupSize: Int
        public let updatedBy: PersonID?
        public let updatedAt: Date?

        public init(minimumGroupSize: Int, updatedBy: PersonID?, updatedAt: Date?) {
            self.minimumGroupSize = minimumGroupSize
            self.updatedBy = updatedBy
            self.updatedAt = updatedAt
        }
    }

    /// The sizes an institution may choose.
    public static let allowedGroupSizes = 5...1000

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The current tenant's settings, as a statement to send with others.
    public static func settings() -> PostgresStatement<Settings> {
        PostgresStatement("""
            SELECT minimum_group_size, updated_by, updated_at FROM equity_settings
            WHERE institution_id = pathfolio_current_institution()
            """) { rows in
            guard let row = rows.first else { return Settings(minimumGroupSize: EquityReport.defaultThreshold, updatedBy: nil, updatedAt: nil) }
            return Settings(minimumGroupSize: try row.decode(Int.self, at: 0), updatedBy: try row.decode(PersonID?.self, at: 1),
                            updatedAt: try row.decode(Date?.self, at: 2))
        }
    }

    /// Replaces the current tenant's minimum group size; returns the settings as stored.
    public func replace(minimumGroupSize: Int, by actor: PersonID) async throws -> Settings {
        let row = try await connection.query("""
            INSERT INTO equity_settings AS s (institution_id, minimum_group_size, updated_by, updated_at)
            VALUES (pathfolio_current_institution(), \(minimumGroupSize), \(actor), now())
            ON CONFLICT (institution_id) DO UPDATE SET
                minimum_group_size = excluded.minimum_group_size, updated_by = excluded.updated_by, updated_at = now()
            RETURNING updated_at
            """)[0]
        return Settings(minimumGroupSize: minimumGroupSize, updatedBy: actor, updatedAt: try row.decode(Date.self, at: 0))
    }

    /// Every learner of the tenant (role `learner`, not retired by a roster) with their value of
    /// `field` (`cohort`, or a key of their demographics record; nil when they have none) and
    /// their mastered competencies among `framework`'s current ones — those whose projection is
    /// `mastered` now, and, with `asOf`, was first mastered at or before it.
    public static func learners(framework: FrameworkID, field: String, asOf: Date?) -> PostgresStatement<[EquityReport.Learner]> {
        PostgresStatement("""
            WITH framework_competencies AS (
                SELECT c.id FROM competencies c
                WHERE c.institution_id = pathfolio_current_institution() AND c.framework_id = \(framework) AND c.retired_at IS NULL
            )
            SELECT p.id,
                   CASE WHEN \(field)::text = 'cohort' THEN p.cohort ELSE d.fields ->> \(field)::text END AS value,
                   (SELECT count(*) FROM mastery_states s
                    WHERE s.institution_id = p.institution_id AND s.learner_id = p.id AND s.status = 'mastered'
                      AND s.competency_id IN (SELECT f.id FROM framework_competencies f)
                      AND (\(asOf)::timestamptz IS NULL OR s.first_mastered_at <= \(asOf)::timestamptz)) AS mastered,
                   (SELECT count(*) FROM framework_competencies) AS competencies
            FROM people p
            LEFT JOIN person_demographics d ON d.institution_id = p.institution_id AND d.person_id = p.id
            WHERE p.institution_id = pathfolio_current_institution() AND p.retired_at IS NULL
              AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = 'learner')
            """) { rows in
            try rows.map { row in
                EquityReport.Learner(learnerID: try row.decode(PersonID.self, at: 0), group: try row.decode(String?.self, at: 1),
                                     mastered: try row.decode(Int.self, at: 2), competencies: try row.decode(Int.self, at: 3))
            }
        }
    }
}
