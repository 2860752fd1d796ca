public import Foundation
public import PathfolioCore

/// Rosters in PostgreSQL (`schema/0008_rosters.sql`): one import written set-based, in the
/// caller's transaction (tenant already set), in one round trip of one statement per table —
/// each table's rows sent as parallel arrays and `unnest`ed into one `INSERT … ON CONFLICT`
/// that classifies every row against the stored one (created, updated, unchanged) and removes
/// what the file's mode says must go — then the derived relationships recomputed.
///
/// Keys are OneRoster sourcedIds: `people.source_id`, `orgs.source_id`, `classes.source_id`,
/// `academic_sessions.source_id`, `enrollments.source_id`; memberships are keyed by (org,
/// person, OneRoster role) and belong to the record that carried them. Unchanged rows are not
/// written at all, so importing the same package twice changes nothing the second time.
///
/// Removal: a `bulk` file removes what it lacks, a `delta` file what it marks `tobedeleted`.
/// People, orgs, academic sessions and classes are marked retired (never deleted; a retired
/// record that comes back is restored); only people and classes an import carried
/// (`rostered`) are ever retired. Memberships, enrollments and demographics are deleted.
/// Whatever hangs on a retired person, org or class (their memberships, enrollments) is
/// deleted with it, whatever file the package has.
///
/// Derived, recomputed from the whole institution after every import (rows marked
/// `source = 'roster'`; an admin's own rows are never touched):
/// - `class_members`: a `student` enrollment in a class makes a learner of it, `teacher` an
///   assessor (the assessors of a class teach its learners);
/// - `advising`: a `teacher` enrollment in a `homeroom` class makes the teacher the advisor of
///   the class's students;
/// - `person_roles`: `learner`, `assessor`, `advisor` from org memberships, class memberships and
///   advising links of people not retired.
public struct RosterStore: Sendable {
    /// The institution whose roster this is.
    public let institution: InstitutionID

    /// A store for `institution`'s roster.
    public init(institution: InstitutionID) {
        self.institution = institution
    }

    /// First key of the advisory lock that serialises an institution's roster imports ("ROST").
    static let lockClass: Int32 = 0x524F_5354

    /// Writes `snapshot`; see the type's documentation for what that means table by table.
    public func save(_ snapshot: RosterSnapshot, now: Date, on connection: PostgresConnection) async throws -> RosterSaveResult {
        let queries: [PostgresQuery] = [
            // Statistics do not know yet what this transaction (or a recent one) wrote: the
            // planner, thinking the tables nearly empty, would nest loops over tens of thousands
            // of rows (seconds per statement). Hash and merge joins suit a roster of any size;
            // the setting is restored after the last statement.
            """
            SELECT pg_advisory_xact_lock(\(Self.lockClass), hashtext(\(institution.description))),
                   set_config('pathfolio.roster_nestloop', current_setting('enable_nestloop'), true),
                   set_config('enable_nestloop', 'off', true)
            """,
            try orgs(snapshot.orgs, now: now),
            orgParents(),
            try sessions(snapshot.academicSessions, now: now),
            try people(snapshot.people, now: now),
            try memberships(snapshot.memberships),
            try classes(snapshot.classes, now: now),
            try enrollments(snapshot.enrollments, now: now),
            classMembers(),
            advising(),
            personRoles(),
            try demographics(snapshot.demographics, now: now),
            "SELECT set_config('enable_nestloop', current_setting('pathfolio.roster_nestloop'), true)",
        ]
        let results = try await connection.pipeline(queries)
        func counts(_ index: Int) throws -> RosterCounts {
            let row = results[index][0]
            return RosterCounts(created: try row.decode(Int.self, named: "created"), updated: try row.decode(Int.self, named: "updated"),
                                unchanged: try row.decode(Int.self, named: "unchanged"), removed: try row.decode(Int.self, named: "removed"))
        }
        func unresolved(_ index: Int) throws -> [Int] {
            try results[index][0].decode([Int].self, named: "unresolved").map { $0 - 1 }
        }
        return RosterSaveResult(
            counts: [
                "orgs": try counts(1), "academicSessions": try counts(3), "users": try counts(4), "roles": try counts(5),
                "classes": try counts(6), "enrollments": try counts(7), "classMembers": try counts(8),
                "advising": try counts(9), "personRoles": try counts(10), "demographics": try counts(11),
            ],
            unresolved: ["roles": try unresolved(5), "enrollments": try unresolved(7), "demographics": try unresolved(11)]
                .filter { !$0.value.isEmpty })
    }

    /// Records a written import (`roster_imports`) in the caller's transaction; returns its id.
    public static func record(id: UUID, actor: PersonID?, channel: String, version: String, sourceSystem: String?,
                              files: PostgresJSON, counts: PostgresJSON, warnings: PostgresJSON) -> PostgresStatement<Void> {
        PostgresStatement("""
            INSERT INTO roster_imports (institution_id, id, actor_id, channel, version, source_system, files, counts, warnings)
            VALUES (pathfolio_current_institution(), \(id), \(actor), \(channel), \(version), \(sourceSystem), \(files), \(counts), \(warnings))
            """)
    }

    // MARK: Statements

    /// The `removed` condition of a part: everything the input lacks (bulk), or the listed keys (delta).
    private static let countColumns = """
        SELECT count(*) FILTER (WHERE change = 'created') AS created,
               count(*) FILTER (WHERE change = 'updated') AS updated,
               count(*) FILTER (WHERE change = 'unchanged') AS unchanged,
               (SELECT count(*) FROM removed) AS removed
        """

    private func orgs(_ part: RosterSnapshot.Part<RosterSnapshot.Org>, now: Date) throws -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution), now = query.bind(now)
        let ids = query.bind(part.rows.map(\.sourceID)), names = query.bind(part.rows.map(\.name))
        let types = query.bind(part.rows.map(\.type))
        let identifiers = query.bind(PostgresNullableArray(part.rows.map(\.identifier)))
        let parents = query.bind(PostgresNullableArray(part.rows.map(\.parentSourceID)))
        let bulk = query.bind(part.mode == .bulk), removedKeys = query.bind(part.removed)
        query.append(sql: """
            WITH input AS (
                SELECT * FROM unnest(\(ids)::text[], \(names)::text[], \(types)::text[], \(identifiers)::text[], \(parents)::text[])
                    AS t(source_id, name, type, identifier, parent_source_id)
            ), classified AS (
                SELECT i.*, e.id AS existing_id, CASE
                    WHEN e.id IS NULL THEN 'created'
                    WHEN (e.name, e.type, e.identifier, e.parent_source_id) IS DISTINCT FROM (i.name, i.type, i.identifier, i.parent_source_id)
                         OR e.retired_at IS NOT NULL THEN 'updated'
                    ELSE 'unchanged' END AS change
                FROM input i LEFT JOIN orgs e ON e.institution_id = \(institution) AND e.source_id = i.source_id
            ), saved AS (
                INSERT INTO orgs (institution_id, id, source_id, name, type, identifier, parent_source_id, created_at, updated_at)
                SELECT \(institution), coalesce(existing_id, gen_random_uuid()), source_id, name, type, identifier, parent_source_id,
                       \(now), \(now)
                FROM classified WHERE change <> 'unchanged'
                ON CONFLICT (institution_id, source_id) DO UPDATE SET
                    name = EXCLUDED.name, type = EXCLUDED.type, identifier = EXCLUDED.identifier,
                    parent_source_id = EXCLUDED.parent_source_id, updated_at = EXCLUDED.updated_at, retired_at = NULL
            ), removed AS (
                UPDATE orgs o SET retired_at = \(now), updated_at = \(now)
                WHERE o.institution_id = \(institution) AND o.retired_at IS NULL
                  AND ((\(bulk) AND o.source_id NOT IN (SELECT source_id FROM input)) OR o.source_id = ANY(\(removedKeys)))
                RETURNING o.id
            )
            \(Self.countColumns)
            FROM classified
            """)
        return query
    }

    /// Points each org at its parent once both are stored (or at none when the parent is unknown).
    private func orgParents() -> PostgresQuery {
        """
        UPDATE orgs c SET parent_id = p.parent
        FROM (SELECT o.id, (SELECT x.id FROM orgs x WHERE x.institution_id = o.institution_id
                                                     AND x.source_id = o.parent_source_id AND x.id <> o.id) AS parent
              FROM orgs o WHERE o.institution_id = \(institution)) p
        WHERE c.institution_id = \(institution) AND c.id = p.id AND c.parent_id IS DISTINCT FROM p.parent
        """
    }

    private func sessions(_ part: RosterSnapshot.Part<RosterSnapshot.AcademicSession>, now: Date) throws -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution), now = query.bind(now)
        let rows = part.rows
        let ids = query.bind(rows.map(\.sourceID)), titles = query.bind(rows.map(\.title)), types = query.bind(rows.map(\.type))
        let starts = query.bind(rows.map(\.startDate)), ends = query.bind(rows.map(\.endDate))
        let parents = query.bind(PostgresNullableArray(rows.map(\.parentSourceID))), years = query.bind(rows.map(\.schoolYear))
        let bulk = query.bind(part.mode == .bulk), removedKeys = query.bind(part.removed)
        query.append(sql: """
            WITH input AS (
                SELECT * FROM unnest(\(ids)::text[], \(titles)::text[], \(types)::text[], \(starts)::date[], \(ends)::date[],
                                     \(parents)::text[], \(years)::text[])
                    AS t(source_id, title, type, start_date, end_date, parent_source_id, school_year)
            ), classified AS (
                SELECT i.*, e.id AS existing_id, CASE
                    WHEN e.id IS NULL THEN 'created'
                    WHEN (e.title, e.type, e.start_date, e.end_date, e.parent_source_id, e.school_year)
                         IS DISTINCT FROM (i.title, i.type, i.start_date, i.end_date, i.parent_source_id, i.school_year)
                         OR e.retired_at IS NOT NULL THEN 'updated'
                    ELSE 'unchanged' END AS change
                FROM input i LEFT JOIN academic_sessions e ON e.institution_id = \(institution) AND e.source_id = i.source_id
            ), saved AS (
                INSERT INTO academic_sessions (institution_id, id, source_id, title, type, start_date, end_date, parent_source_id,
                                               school_year, created_at, updated_at)
                SELECT \(institution), coalesce(existing_id, gen_random_uuid()), source_id, title, type, start_date, end_date,
                       parent_source_id, school_year, \(now), \(now)
                FROM classified WHERE change <> 'unchanged'
                ON CONFLICT (institution_id, source_id) DO UPDATE SET
                    title = EXCLUDED.title, type = EXCLUDED.type, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
                    parent_source_id = EXCLUDED.parent_source_id, school_year = EXCLUDED.school_year,
                    updated_at = EXCLUDED.updated_at, retired_at = NULL
            ), removed AS (
                UPDATE academic_sessions s SET retired_at = \(now), updated_at = \(now)
                WHERE s.institution_id = \(institution) AND s.retired_at IS NULL
                  AND ((\(bulk) AND s.source_id NOT IN (SELECT source_id FROM input)) OR s.source_id = ANY(\(removedKeys)))
                RETURNING s.id
            )
            \(Self.countColumns)
            FROM classified
            """)
        return query
    }

    private func people(_ part: RosterSnapshot.Part<RosterSnapshot.Person>, now: Date) throws -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution), now = query.bind(now)
        let rows = part.rows
        let ids = query.bind(rows.map(\.sourceID)), given = query.bind(rows.map(\.givenName))
        let family = query.bind(rows.map(\.familyName)), emails = query.bind(PostgresNullableArray(rows.map(\.email)))
        let identifiers = query.bind(PostgresNullableArray(rows.map(\.identifier)))
        let cohorts = query.bind(PostgresNullableArray(rows.map(\.cohort)))
        let bulk = query.bind(part.mode == .bulk), removedKeys = query.bind(part.removed)
        query.append(sql: """
            WITH input AS (
                SELECT * FROM unnest(\(ids)::text[], \(given)::text[], \(family)::text[], \(emails)::text[], \(identifiers)::text[],
                                     \(cohorts)::text[])
                    AS t(source_id, given_name, family_name, email, identifier, cohort)
            ), classified AS (
                SELECT i.*, e.id AS existing_id, CASE
                    WHEN e.id IS NULL THEN 'created'
                    WHEN (e.given_name, e.family_name, e.email, e.identifier) IS DISTINCT FROM (i.given_name, i.family_name, i.email, i.identifier)
                         OR (i.cohort IS NOT NULL AND e.cohort IS DISTINCT FROM i.cohort)
                         OR e.retired_at IS NOT NULL OR NOT e.rostered THEN 'updated'
                    ELSE 'unchanged' END AS change
                FROM input i LEFT JOIN people e ON e.institution_id = \(institution) AND e.source_id = i.source_id
            ), saved AS (
                INSERT INTO people (id, institution_id, source_id, given_name, family_name, email, identifier, cohort, rostered,
                                    created_at, updated_at)
                SELECT coalesce(existing_id, gen_random_uuid()), \(institution), source_id, given_name, family_name, email, identifier,
                       cohort, true, \(now), \(now)
                FROM classified WHERE change <> 'unchanged'
                ON CONFLICT (institution_id, source_id) DO UPDATE SET
                    given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name, email = EXCLUDED.email,
                    identifier = EXCLUDED.identifier, cohort = coalesce(EXCLUDED.cohort, people.cohort), rostered = true,
                    retired_at = NULL, updated_at = EXCLUDED.updated_at
            ), removed AS (
                UPDATE people p SET retired_at = \(now), updated_at = \(now)
                WHERE p.institution_id = \(institution) AND p.rostered AND p.retired_at IS NULL
                  AND ((\(bulk) AND p.source_id NOT IN (SELECT source_id FROM input)) OR p.source_id = ANY(\(removedKeys)))
                RETURNING p.id
            )
            \(Self.countColumns)
            FROM classified
            """)
        return query
    }

    private func memberships(_ part: RosterSnapshot.Part<RosterSnapshot.Membership>) throws -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution)
        let rows = part.rows
        let records = query.bind(rows.map(\.recordID)), orgs = query.bind(rows.map(\.orgSourceID))
        let persons = query.bind(rows.map(\.personSourceID)), roles = query.bind(rows.map(\.role))
        let rosterRoles = query.bind(rows.map(\.rosterRole)), primaries = query.bind(rows.map(\.isPrimary))
        let begins = query.bind(PostgresNullableArray(rows.map(\.beginDate))), ends = query.bind(PostgresNullableArray(rows.map(\.endDate)))
        let bulk = query.bind(part.mode == .bulk)
        let scope = query.bind(rows.map(\.recordID) + part.removed)
        query.append(sql: """
            WITH input AS (
                SELECT t.*, o.id AS org_id, p.id AS person_id
                FROM unnest(\(records)::text[], \(orgs)::text[], \(persons)::text[], \(roles)::text[], \(rosterRoles)::text[],
                            \(primaries)::bool[], \(begins)::date[], \(ends)::date[]) WITH ORDINALITY
                    AS t(record_id, org_source_id, person_source_id, role, roster_role, is_primary, begin_date, end_date, n)
                LEFT JOIN orgs o ON o.institution_id = \(institution) AND o.source_id = t.org_source_id AND o.retired_at IS NULL
                LEFT JOIN people p ON p.institution_id = \(institution) AND p.source_id = t.person_source_id AND p.retired_at IS NULL
            ), resolved AS (
                SELECT DISTINCT ON (org_id, person_id, roster_role) *
                FROM input WHERE org_id IS NOT NULL AND person_id IS NOT NULL
                ORDER BY org_id, person_id, roster_role, n
            ), classified AS (
                SELECT r.*, CASE
                    WHEN e.person_id IS NULL THEN 'created'
                    WHEN (e.role, e.is_primary, e.begin_date, e.end_date, e.source_id)
                         IS DISTINCT FROM (r.role, r.is_primary, r.begin_date, r.end_date, r.record_id) THEN 'updated'
                    ELSE 'unchanged' END AS change
                FROM resolved r
                LEFT JOIN org_members e ON e.institution_id = \(institution) AND e.org_id = r.org_id AND e.person_id = r.person_id
                                       AND e.roster_role = r.roster_role
            ), saved AS (
                INSERT INTO org_members (institution_id, org_id, person_id, role, roster_role, is_primary, begin_date, end_date, source_id)
                SELECT \(institution), org_id, person_id, role, roster_role, is_primary, begin_date, end_date, record_id
                FROM classified WHERE change <> 'unchanged'
                ON CONFLICT (institution_id, org_id, person_id, roster_role) DO UPDATE SET
                    role = EXCLUDED.role, is_primary = EXCLUDED.is_primary, begin_date = EXCLUDED.begin_date,
                    end_date = EXCLUDED.end_date, source_id = EXCLUDED.source_id
            ), removed AS (
                DELETE FROM org_members m
                WHERE m.institution_id = \(institution)
                  -- NOT IN over the CTE plans as a hashed subplan (NOT EXISTS as a quadratic nested loop).
                  AND (m.org_id, m.person_id, m.roster_role) NOT IN (SELECT r.org_id, r.person_id, r.roster_role FROM resolved r)
                  AND (\(bulk) OR m.source_id = ANY(\(scope))
                       OR m.person_id IN (SELECT x.id FROM people x WHERE x.institution_id = \(institution) AND x.retired_at IS NOT NULL)
                       OR m.org_id IN (SELECT x.id FROM orgs x WHERE x.institution_id = \(institution) AND x.retired_at IS NOT NULL))
                RETURNING 1
            )
            \(Self.countColumns),
                   coalesce((SELECT array_agg(n ORDER BY n) FROM input WHERE org_id IS NULL OR person_id IS NULL), '{}') AS unresolved
            FROM classified
            """)
        return query
    }

    private func classes(_ part: RosterSnapshot.Part<RosterSnapshot.SchoolClass>, now: Date) throws -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution), now = query.bind(now)
        let rows = part.rows
        let ids = query.bind(rows.map(\.sourceID)), titles = query.bind(rows.map(\.title))
        let codes = query.bind(PostgresNullableArray(rows.map(\.code))), types = query.bind(rows.map(\.classType))
        let schools = query.bind(rows.map(\.orgSourceID))
        // One array literal per class, cast back to text[] per row (unnest flattens 2-D arrays).
        let terms = query.bind(try rows.map { (row) throws(PostgresError) in try Self.arrayLiteral(row.termSourceIDs) })
        let courses = query.bind(PostgresNullableArray(rows.map(\.courseSourceID)))
        let courseTitles = query.bind(PostgresNullableArray(rows.map(\.courseTitle)))
        let bulk = query.bind(part.mode == .bulk), removedKeys = query.bind(part.removed)
        query.append(sql: """
            WITH input AS (
                SELECT t.source_id, t.title, t.code, t.class_type, o.id AS org_id, t.terms::text[] AS term_source_ids,
                       t.course_source_id, t.course_title
                FROM unnest(\(ids)::text[], \(titles)::text[], \(codes)::text[], \(types)::text[], \(schools)::text[], \(terms)::text[],
                            \(courses)::text[], \(courseTitles)::text[])
                    AS t(source_id, title, code, class_type, school_source_id, terms, course_source_id, course_title)
                LEFT JOIN orgs o ON o.institution_id = \(institution) AND o.source_id = t.school_source_id
            ), classified AS (
                SELECT i.source_id, i.title, i.code, i.class_type, i.org_id, i.term_source_ids, i.course_source_id,
                       -- A delta without courses.csv keeps the title of the same course.
                       CASE WHEN i.course_title IS NULL AND e.course_source_id = i.course_source_id THEN e.course_title
                            ELSE i.course_title END AS course_title,
                       e.id AS existing_id, e.source_id IS NULL AS is_new, e.retired_at IS NOT NULL OR NOT e.rostered AS revived,
                       (e.title, e.code, e.class_type, e.org_id, e.term_source_ids, e.course_source_id, e.course_title) AS stored
                FROM input i LEFT JOIN classes e ON e.institution_id = \(institution) AND e.source_id = i.source_id
            ), judged AS (
                SELECT c.*, CASE
                    WHEN is_new THEN 'created'
                    WHEN revived OR stored IS DISTINCT FROM (title, code, class_type, org_id, term_source_ids, course_source_id, course_title)
                         THEN 'updated'
                    ELSE 'unchanged' END AS change
                FROM classified c
            ), saved AS (
                INSERT INTO classes (institution_id, id, source_id, title, code, class_type, org_id, term_source_ids, course_source_id,
                                     course_title, rostered, created_at, updated_at)
                SELECT \(institution), coalesce(existing_id, gen_random_uuid()), source_id, title, code, class_type, org_id,
                       term_source_ids, course_source_id, course_title, true, \(now), \(now)
                FROM judged WHERE change <> 'unchanged'
                ON CONFLICT (institution_id, source_id) DO UPDATE SET
                    title = EXCLUDED.title, code = EXCLUDED.code, class_type = EXCLUDED.class_type, org_id = EXCLUDED.org_id,
                    term_source_ids = EXCLUDED.term_source_ids, course_source_id = EXCLUDED.course_source_id,
                    course_title = EXCLUDED.course_title, rostered = true, retired_at = NULL, updated_at = EXCLUDED.updated_at
            ), removed AS (
                UPDATE classes c SET retired_at = \(now), updated_at = \(now)
                WHERE c.institution_id = \(institution) AND c.rostered AND c.retired_at IS NULL
                  AND ((\(bulk) AND c.source_id NOT IN (SELECT source_id FROM input)) OR c.source_id = ANY(\(removedKeys)))
                RETURNING c.id
            )
            \(Self.countColumns)
            FROM judged
            """)
        return query
    }

    private func enrollments(_ part: RosterSnapshot.Part<RosterSnapshot.Enrollment>, now: Date) throws -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution), now = query.bind(now)
        let rows = part.rows
        let ids = query.bind(rows.map(\.sourceID)), classes = query.bind(rows.map(\.classSourceID))
        let persons = query.bind(rows.map(\.personSourceID)), roles = query.bind(rows.map(\.role))
        let primaries = query.bind(PostgresNullableArray(rows.map(\.isPrimary)))
        let begins = query.bind(PostgresNullableArray(rows.map(\.beginDate))), ends = query.bind(PostgresNullableArray(rows.map(\.endDate)))
        let bulk = query.bind(part.mode == .bulk), scope = query.bind(rows.map(\.sourceID) + part.removed)
        query.append(sql: """
            WITH input AS (
                SELECT t.*, c.id AS class_id, p.id AS person_id
                FROM unnest(\(ids)::text[], \(classes)::text[], \(persons)::text[], \(roles)::text[], \(primaries)::bool[],
                            \(begins)::date[], \(ends)::date[]) WITH ORDINALITY
                    AS t(source_id, class_source_id, person_source_id, role, is_primary, begin_date, end_date, n)
                LEFT JOIN classes c ON c.institution_id = \(institution) AND c.source_id = t.class_source_id AND c.retired_at IS NULL
                LEFT JOIN people p ON p.institution_id = \(institution) AND p.source_id = t.person_source_id AND p.retired_at IS NULL
            ), resolved AS (
                SELECT * FROM input WHERE class_id IS NOT NULL AND person_id IS NOT NULL
            ), classified AS (
                SELECT r.*, e.id AS existing_id, CASE
                    WHEN e.id IS NULL THEN 'created'
                    WHEN (e.class_id, e.person_id, e.role, e.is_primary, e.begin_date, e.end_date)
                         IS DISTINCT FROM (r.class_id, r.person_id, r.role, r.is_primary, r.begin_date, r.end_date) THEN 'updated'
                    ELSE 'unchanged' END AS change
                FROM resolved r LEFT JOIN enrollments e ON e.institution_id = \(institution) AND e.source_id = r.source_id
            ), saved AS (
                INSERT INTO enrollments (institution_id, id, source_id, class_id, person_id, role, is_primary, begin_date, end_date,
                                         created_at, updated_at)
                SELECT \(institution), coalesce(existing_id, gen_random_uuid()), source_id, class_id, person_id, role, is_primary,
                       begin_date, end_date, \(now), \(now)
                FROM classified WHERE change <> 'unchanged'
                ON CONFLICT (institution_id, source_id) DO UPDATE SET
                    class_id = EXCLUDED.class_id, person_id = EXCLUDED.person_id, role = EXCLUDED.role,
                    is_primary = EXCLUDED.is_primary, begin_date = EXCLUDED.begin_date, end_date = EXCLUDED.end_date,
                    updated_at = EXCLUDED.updated_at
            ), removed AS (
                DELETE FROM enrollments e
                WHERE e.institution_id = \(institution) AND e.source_id NOT IN (SELECT r.source_id FROM resolved r)
                  AND (\(bulk) OR e.source_id = ANY(\(scope))
                       OR e.person_id IN (SELECT x.id FROM people x WHERE x.institution_id = \(institution) AND x.retired_at IS NOT NULL)
                       OR e.class_id IN (SELECT x.id FROM classes x WHERE x.institution_id = \(institution) AND x.retired_at IS NOT NULL))
                RETURNING 1
            )
            \(Self.countColumns),
                   coalesce((SELECT array_agg(n ORDER BY n) FROM input WHERE class_id IS NULL OR person_id IS NULL), '{}') AS unresolved
            FROM classified
            """)
        return query
    }

    private func demographics(_ part: RosterSnapshot.Part<RosterSnapshot.Demographics>, now: Date) throws -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution), now = query.bind(now)
        let persons = query.bind(part.rows.map(\.personSourceID))
        let fields = query.bind("[" + part.rows.map(\.fieldsJSON).joined(separator: ",") + "]")
        let bulk = query.bind(part.mode == .bulk), removedKeys = query.bind(part.removed)
        query.append(sql: """
            WITH input AS (
                SELECT t.person_source_id, t.n, j.value::jsonb AS fields, p.id AS person_id
                FROM unnest(\(persons)::text[]) WITH ORDINALITY AS t(person_source_id, n)
                JOIN json_array_elements(\(fields)::json) WITH ORDINALITY AS j(value, n) ON j.n = t.n
                LEFT JOIN people p ON p.institution_id = \(institution) AND p.source_id = t.person_source_id AND p.retired_at IS NULL
            ), resolved AS (
                SELECT * FROM input WHERE person_id IS NOT NULL
            ), classified AS (
                SELECT r.*, CASE
                    WHEN e.person_id IS NULL THEN 'created'
                    WHEN e.fields <> r.fields THEN 'updated'
                    ELSE 'unchanged' END AS change
                FROM resolved r LEFT JOIN person_demographics e ON e.institution_id = \(institution) AND e.person_id = r.person_id
            ), saved AS (
                INSERT INTO person_demographics (institution_id, person_id, fields, updated_at)
                SELECT \(institution), person_id, fields, \(now) FROM classified WHERE change <> 'unchanged'
                ON CONFLICT (institution_id, person_id) DO UPDATE SET fields = EXCLUDED.fields, updated_at = EXCLUDED.updated_at
            ), removed AS (
                DELETE FROM person_demographics d
                WHERE d.institution_id = \(institution) AND d.person_id NOT IN (SELECT r.person_id FROM resolved r)
                  AND (\(bulk) OR d.person_id IN (SELECT x.id FROM people x WHERE x.institution_id = \(institution)
                                                                         AND x.source_id = ANY(\(removedKeys))))
                RETURNING 1
            )
            \(Self.countColumns),
                   coalesce((SELECT array_agg(n ORDER BY n) FROM input WHERE person_id IS NULL), '{}') AS unresolved
            FROM classified
            """)
        return query
    }

    // MARK: Derived relationships

    /// Class memberships from enrollments of classes not retired (`student` → learner,
    /// `teacher` → assessor). `updated` is always 0; `unchanged` counts the derived rows already held.
    private func classMembers() -> PostgresQuery {
        derived(table: "class_members", key: ["class_id", "person_id", "role"], query: """
            SELECT DISTINCT e.class_id, e.person_id, CASE e.role WHEN 'student' THEN 'learner' ELSE 'assessor' END AS role
            FROM enrollments e
            JOIN classes c ON c.institution_id = e.institution_id AND c.id = e.class_id AND c.retired_at IS NULL
            WHERE e.institution_id = \(institution.description.quotedLiteral) AND e.role IN ('student', 'teacher')
            """)
    }

    /// Advising from homeroom classes: their teachers advise their students.
    private func advising() -> PostgresQuery {
        derived(table: "advising", key: ["advisor_id", "learner_id"], query: """
            SELECT DISTINCT t.person_id AS advisor_id, s.person_id AS learner_id
            FROM enrollments t
            JOIN classes c ON c.institution_id = t.institution_id AND c.id = t.class_id AND c.retired_at IS NULL
                          AND c.class_type = 'homeroom'
            JOIN enrollments s ON s.institution_id = t.institution_id AND s.class_id = t.class_id AND s.role = 'student'
            WHERE t.institution_id = \(institution.description.quotedLiteral) AND t.role = 'teacher' AND t.person_id <> s.person_id
            """)
    }

    /// Roles from org memberships, class memberships and advising links, of people not retired.
    private func personRoles() -> PostgresQuery {
        let institution = self.institution.description.quotedLiteral
        return derived(table: "person_roles", key: ["person_id", "role"], query: """
            SELECT DISTINCT d.person_id, d.role FROM (
                SELECT m.person_id, m.role FROM org_members m WHERE m.institution_id = \(institution) AND m.role <> 'other'
                UNION SELECT m.person_id, m.role FROM class_members m WHERE m.institution_id = \(institution) AND m.source = 'roster'
                UNION SELECT a.advisor_id, 'advisor' FROM advising a WHERE a.institution_id = \(institution) AND a.source = 'roster'
            ) d
            JOIN people p ON p.institution_id = \(institution) AND p.id = d.person_id AND p.retired_at IS NULL
            """)
    }

    /// Makes `table`'s `source = 'roster'` rows exactly `query`'s (rows an admin made stay, and
    /// a derived row they already hold is left theirs).
    private func derived(table: String, key: [String], query: String) -> PostgresQuery {
        let columns = key.joined(separator: ", ")
        let stored = key.map { "m.\($0)" }.joined(separator: ", ")
        return PostgresQuery(unsafeSQL: """
            WITH derived AS (\(query)
            ), added AS (
                INSERT INTO \(table) (institution_id, \(columns), source)
                SELECT \(institution.description.quotedLiteral)::uuid, \(columns), 'roster' FROM derived
                ON CONFLICT DO NOTHING
                RETURNING 1
            ), removed AS (
                DELETE FROM \(table) m
                WHERE m.institution_id = \(institution.description.quotedLiteral) AND m.source = 'roster'
                  AND (\(stored)) NOT IN (SELECT \(columns) FROM derived)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM added) AS created, 0::bigint AS updated,
                   (SELECT count(*) FROM derived) - (SELECT count(*) FROM added) AS unchanged,
                   (SELECT count(*) FROM removed) AS removed
            """)
    }

    /// A PostgreSQL array literal of strings (`{"a","b"}`).
    static func arrayLiteral(_ strings: [String]) throws(PostgresError) -> String {
        guard case .text(let literal) = try strings.postgresValue() else { return "{}" }
        return literal
    }
}

private extension String {
    /// The text as an SQL string literal (only ever a UUID's text here).
    var quotedLiteral: String { "'" + replacingOccurrences(of: "'", with: "''") + "'" }
}
