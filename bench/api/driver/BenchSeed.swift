import PathfolioPostgres

/// Set-based seeding, as the cluster's superuser (row-level security does not apply to it):
/// `generate_series` builds every row, so 10,000 learners with 200 competencies each take a
/// few statements, not millions of round trips.
struct BenchSeed {
    let learners: Int
    let learnersPerAssessor: Int
    let strands: Int
    let leaves: Int
    let importInstitutions: Int

    var assessors: Int { (learners + learnersPerAssessor - 1) / learnersPerAssessor }

    /// The SQL forms of ``BenchIDs``.
    static func learnerSQL(_ i: String) -> String { "('10000000-0000-4000-8000-' || lpad((\(i))::text, 12, '0'))::uuid" }
    static func assessorSQL(_ a: String) -> String { "('a0000000-0000-4000-8000-' || lpad((\(a))::text, 12, '0'))::uuid" }
    static func competencySQL(_ s: String, _ j: String) -> String {
        "('c0000000-0000-4000-8000-00000' || lpad((\(s))::text, 3, '0') || lpad((\(j))::text, 4, '0'))::uuid"
    }
    static func evidenceSQL(_ i: String, _ s: String) -> String {
        "('e0000000-0000-4000-8000-' || lpad((\(i))::text, 7, '0') || lpad((\(s))::text, 5, '0'))::uuid"
    }
    static func reviewSQL(_ i: String, _ s: String, _ j: String) -> String {
        "('f0000000-0000-4000-8000-000' || lpad((\(i))::text, 5, '0') || lpad((\(s))::text, 2, '0') || lpad((\(j))::text, 2, '0'))::uuid"
    }

    /// The institution, its people (one admin, the assessors, the learners), roles, who
    /// teaches whom, and a bearer token for everyone; plus the import runs' institutions.
    func people(on connection: PostgresConnection) async throws {
        let institution = "'\(BenchIDs.institution)'::uuid"
        let perAssessor = learnersPerAssessor
        try await connection.execute(script: """
            BEGIN;
            INSERT INTO institutions (id, slug, name) VALUES (\(institution), 'bench', 'Benchmark School');
            INSERT INTO people (id, institution_id, source_id, given_name, family_name)
            SELECT \(Self.learnerSQL("i")), \(institution), 'learner-' || i, 'Learner', 'No. ' || i
            FROM generate_series(1, \(learners)) i;
            INSERT INTO people (id, institution_id, source_id, given_name, family_name)
            SELECT \(Self.assessorSQL("a")), \(institution), 'assessor-' || a, 'Assessor', 'No. ' || a
            FROM generate_series(1, \(assessors)) a;
            INSERT INTO people (id, institution_id, source_id, given_name, family_name)
            VALUES ('\(BenchIDs.admin)', \(institution), 'admin', 'Ada', 'Admin');
            INSERT INTO person_roles (institution_id, person_id, role)
            SELECT \(institution), \(Self.learnerSQL("i")), 'learner' FROM generate_series(1, \(learners)) i
            UNION ALL SELECT \(institution), \(Self.assessorSQL("a")), 'assessor' FROM generate_series(1, \(assessors)) a
            UNION ALL SELECT \(institution), '\(BenchIDs.admin)', 'admin';
            INSERT INTO teaching (institution_id, assessor_id, learner_id)
            SELECT \(institution), \(Self.assessorSQL("(i - 1) / \(perAssessor) + 1")), \(Self.learnerSQL("i"))
            FROM generate_series(1, \(learners)) i;
            INSERT INTO api_tokens (id, institution_id, person_id, token_hash, label)
            SELECT gen_random_uuid(), \(institution), \(Self.learnerSQL("i")), \(BenchIDs.tokenHashSQL("'learner/' || i")), 'bench'
            FROM generate_series(1, \(learners)) i
            UNION ALL
            SELECT gen_random_uuid(), \(institution), \(Self.assessorSQL("a")), \(BenchIDs.tokenHashSQL("'assessor/' || a")), 'bench'
            FROM generate_series(1, \(assessors)) a
            UNION ALL
            SELECT gen_random_uuid(), \(institution), '\(BenchIDs.admin)', \(BenchIDs.tokenHashSQL("'admin'")), 'bench';
            INSERT INTO institutions (id, slug, name)
            SELECT ('b1000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid, 'import-' || k, 'Import School ' || k
            FROM generate_series(1, \(importInstitutions)) k;
            INSERT INTO people (id, institution_id, given_name, family_name)
            SELECT ('b2000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid,
                   ('b1000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid, 'Import', 'Admin ' || k
            FROM generate_series(1, \(importInstitutions)) k;
            INSERT INTO person_roles (institution_id, person_id, role)
            SELECT ('b1000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid,
                   ('b2000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid, 'admin'
            FROM generate_series(1, \(importInstitutions)) k;
            INSERT INTO api_tokens (id, institution_id, person_id, token_hash, label)
            SELECT gen_random_uuid(), ('b1000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid,
                   ('b2000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid, \(BenchIDs.tokenHashSQL("'import-admin/' || k")), 'bench'
            FROM generate_series(1, \(importInstitutions)) k;
            COMMIT;
            """)
    }

    /// The ledger and its projection, once the framework is imported: per learner one
    /// accepted piece of evidence per strand claiming the strand's standards, one review of
    /// each claim (1–4 points, 85% of them at or above the threshold of 3), the direct mastery
    /// state of every standard and the rollup of every strand, exactly as the service would
    /// have computed them (the default policy: highest score, `all` rollups).
    func ledger(on connection: PostgresConnection) async throws {
        let institution = "'\(BenchIDs.institution)'::uuid"
        let grid = "generate_series(1, \(learners)) i, generate_series(1, \(strands)) s"
        let submitted = "(timestamptz '2026-01-05 08:00:00+00' + (i * \(strands) + s) * interval '1 second')"
        try await connection.execute(script: """
            BEGIN;
            INSERT INTO evidence (institution_id, id, learner_id, submitted_by, kind, title, description, body, status,
                                  submitted_at, status_changed_at)
            SELECT \(institution), \(Self.evidenceSQL("i", "s")), \(Self.learnerSQL("i")),
                   \(Self.assessorSQL("(i - 1) / \(learnersPerAssessor) + 1")), 'text', 'Seeded work ' || s, '',
                   'Seeded evidence.', 'accepted', \(submitted), \(submitted) + interval '1 hour'
            FROM \(grid);
            INSERT INTO evidence_claims (institution_id, evidence_id, competency_id, position)
            SELECT \(institution), \(Self.evidenceSQL("i", "s")), \(Self.competencySQL("s", "j")), j - 1
            FROM \(grid), generate_series(1, \(leaves)) j;
            INSERT INTO reviews (institution_id, id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, recorded_at)
            SELECT \(institution), \(Self.reviewSQL("i", "s", "j")), \(Self.evidenceSQL("i", "s")), \(Self.learnerSQL("i")),
                   \(Self.competencySQL("s", "j")), \(Self.assessorSQL("(i - 1) / \(learnersPerAssessor) + 1")),
                   CASE WHEN h = 0 THEN 1 WHEN h < 3 THEN 2 WHEN h < 12 THEN 3 ELSE 4 END, '',
                   \(submitted) + interval '1 hour'
            FROM \(grid), generate_series(1, \(leaves)) j,
                 LATERAL (SELECT abs(hashint4(i * 10000 + s * 100 + j)) % 20 AS h) p
            ORDER BY 4, 5;
            INSERT INTO mastery_states (institution_id, learner_id, competency_id, source, status, score, level_label,
                                        level_points, first_mastered_at, contributing_reviews, latest_review_at, updated_at)
            SELECT r.institution_id, r.learner_id, r.competency_id, 'direct',
                   CASE WHEN r.points >= 3 THEN 'mastered' ELSE 'in_progress' END, r.points,
                   (ARRAY['Beginning', 'Developing', 'Proficient', 'Advanced'])[r.points::int], r.points,
                   CASE WHEN r.points >= 3 THEN r.recorded_at END, 1, r.recorded_at, now()
            FROM reviews r WHERE r.institution_id = \(institution);
            INSERT INTO mastery_states (institution_id, learner_id, competency_id, source, status, score, level_label,
                                        level_points, first_mastered_at, contributing_reviews, latest_review_at, updated_at)
            SELECT r.institution_id, r.learner_id, a.destination_id, 'rollup',
                   CASE WHEN bool_and(r.points >= 3) THEN 'mastered' ELSE 'in_progress' END, NULL, NULL, NULL,
                   CASE WHEN bool_and(r.points >= 3) THEN max(r.recorded_at) END, 0, NULL, now()
            FROM reviews r
            JOIN competency_associations a ON a.institution_id = r.institution_id AND a.origin_id = r.competency_id
                                          AND a.association_type = 'isChildOf'
            WHERE r.institution_id = \(institution)
            GROUP BY r.institution_id, r.learner_id, a.destination_id;
            COMMIT;
            """)
        try await connection.execute(script: "VACUUM ANALYZE")
    }

    /// For the `plans` workload: two advisors with their tokens (`advisor/1`, `advisor/2`);
    /// advisor 1 advises learners 1…`firstCaseload`, advisor 2 the rest, so every learner has one.
    func advising(firstCaseload: Int, on connection: PostgresConnection) async throws {
        let institution = "'\(BenchIDs.institution)'::uuid"
        let advisor = { (k: String) in "('ad000000-0000-4000-8000-' || lpad((\(k))::text, 12, '0'))::uuid" }
        try await connection.execute(script: """
            BEGIN;
            INSERT INTO people (id, institution_id, source_id, given_name, family_name)
            SELECT \(advisor("k")), \(institution), 'advisor-' || k, 'Advisor', 'No. ' || k FROM generate_series(1, 2) k;
            INSERT INTO person_roles (institution_id, person_id, role)
            SELECT \(institution), \(advisor("k")), 'advisor' FROM generate_series(1, 2) k;
            INSERT INTO api_tokens (id, institution_id, person_id, token_hash, label)
            SELECT gen_random_uuid(), \(institution), \(advisor("k")), \(BenchIDs.tokenHashSQL("'advisor/' || k")), 'bench'
            FROM generate_series(1, 2) k;
            INSERT INTO advising (institution_id, advisor_id, learner_id, assigned_at)
            SELECT \(institution), \(advisor("CASE WHEN i <= \(firstCaseload) THEN 1 ELSE 2 END")), \(Self.learnerSQL("i")),
                   timestamptz '2026-01-02 08:00:00+00'
            FROM generate_series(1, \(learners)) i;
            COMMIT;
            """)
        try await connection.execute(script: "VACUUM ANALYZE advising, people, person_roles, api_tokens")
    }
}
