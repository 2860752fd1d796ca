-- W1 for pgbench: every statement the service runs for one evidence submission and its review
-- (both with an Idempotency-Key), in order, one round trip each, as pathfolio_app.
-- Variables from the driver: learners, per_assessor, strands, leaves.
-- Ids follow bench/api/driver/BenchIDs.swift; the token hash is computed the way the seed made it.
\set i random(1, :learners)
\set a (:i - 1) / :per_assessor + 1
\set s random(1, :strands)
\set j random(1, :leaves - 2)
\set j1 :j + 1
\set j2 :j + 2
\set p0 random(1, 4)
\set p1 random(1, 4)
\set p2 random(1, 4)

-- POST /v1/learners/{id}/evidence ----------------------------------------------------------
-- ApiTokenStore.holder(ofHash:) (its own pooled checkout, autocommit)
SELECT token_id, institution_id, person_id, expires_at, revoked_at
FROM pathfolio_authenticate(sha256(convert_to('pf_' || rtrim(translate(encode(sha256(convert_to('pathfolio-bench/assessor/' || :a, 'UTF8')), 'base64'), '+/', '-_'), '='), 'UTF8')))
\gset
-- PostgresPool.withTransaction
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT set_config('pathfolio.institution_id', :institution_id, true);
-- PersonStore.requester
SELECT array(SELECT role FROM person_roles WHERE person_id = p.id) AS roles,
       array(SELECT learner_id FROM advising WHERE advisor_id = p.id) AS caseload,
       array(SELECT learner_id FROM teaching WHERE assessor_id = p.id) AS taught
FROM people p WHERE p.id = :person_id;
-- IdempotencyKeyStore.claim
INSERT INTO idempotency_keys (institution_id, person_id, key, request_hash)
VALUES (pathfolio_current_institution(), :person_id, 'pgbench-' || gen_random_uuid(), sha256('request'::bytea))
ON CONFLICT DO NOTHING RETURNING key AS idem_key
\gset
-- EvidenceRecordStore.activeCompetencies
SELECT id FROM competencies WHERE id = ANY (array[
    ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j)::text, 4, '0'))::uuid,
    ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j1)::text, 4, '0'))::uuid,
    ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j2)::text, 4, '0'))::uuid]::uuid[]) AND retired_at IS NULL;
-- EvidenceRecordStore.insert
WITH e AS (
    INSERT INTO evidence (institution_id, id, learner_id, submitted_by, kind, title, description, url, body,
                          assessment, result, observed_on, file_sha256, file_media_type, previous_revision)
    VALUES (pathfolio_current_institution(), gen_random_uuid(), ('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid,
            :person_id, 'text', 'Bench work', '', NULL, 'Worked example with a model and an equation.',
            NULL, NULL, NULL, NULL, NULL, NULL)
    RETURNING institution_id, id, submitted_at),
c AS (
    INSERT INTO evidence_claims (institution_id, evidence_id, competency_id, position)
    SELECT e.institution_id, e.id, claim.competency, claim.ordinality - 1
    FROM e, unnest(array[
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j)::text, 4, '0'))::uuid,
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j1)::text, 4, '0'))::uuid,
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j2)::text, 4, '0'))::uuid]::uuid[])
         WITH ORDINALITY AS claim(competency, ordinality))
SELECT submitted_at, id AS evidence_id FROM e
\gset
-- Session.audit
INSERT INTO audit_log (institution_id, actor_id, action, target_type, target_id, details)
VALUES (pathfolio_current_institution(), :person_id, 'evidence.submit', 'evidence', :evidence_id, '{}');
-- IdempotencyKeyStore.complete (the response body is about 600 bytes)
UPDATE idempotency_keys SET status = 201, location = '/v1/evidence/' || :evidence_id, response_body = convert_to(repeat('x', 600), 'UTF8')
WHERE person_id = :person_id AND key = :idem_key;
COMMIT;

-- POST /v1/evidence/{id}/reviews -----------------------------------------------------------
SELECT token_id, institution_id, person_id, expires_at, revoked_at
FROM pathfolio_authenticate(sha256(convert_to('pf_' || rtrim(translate(encode(sha256(convert_to('pathfolio-bench/assessor/' || :a, 'UTF8')), 'base64'), '+/', '-_'), '='), 'UTF8')))
\gset
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT set_config('pathfolio.institution_id', :institution_id, true);
SELECT array(SELECT role FROM person_roles WHERE person_id = p.id) AS roles,
       array(SELECT learner_id FROM advising WHERE advisor_id = p.id) AS caseload,
       array(SELECT learner_id FROM teaching WHERE assessor_id = p.id) AS taught
FROM people p WHERE p.id = :person_id;
INSERT INTO idempotency_keys (institution_id, person_id, key, request_hash)
VALUES (pathfolio_current_institution(), :person_id, 'pgbench-' || gen_random_uuid(), sha256('request'::bytea))
ON CONFLICT DO NOTHING RETURNING key AS idem_key
\gset
-- EvidenceRecordStore.evidence(_:forUpdate: true)
SELECT e.id, e.learner_id, e.submitted_by, e.kind, e.title, e.description, e.url, e.body, e.assessment, e.result,
       e.observed_on, encode(e.file_sha256, 'hex') AS file_sha256, e.file_media_type,
       (SELECT f.byte_count FROM evidence_files f WHERE f.sha256 = e.file_sha256) AS file_size,
       e.status, e.submitted_at, e.previous_revision,
       array(SELECT c.competency_id FROM evidence_claims c WHERE c.evidence_id = e.id ORDER BY c.position) AS claims
FROM evidence e WHERE e.id = :evidence_id FOR UPDATE;
-- CompetencyCatalog.load → FrameworkCatalogStore.catalog (three statements the service pipelines)
SELECT f.id, f.uri, f.title, f.creator, f.version, f.subjects, f.language, f.adoption_status, f.last_changed_at,
       f.default_scale, f.created_at, f.updated_at, p.policy, p.effective_from,
       (SELECT count(*) FROM competencies c
        WHERE c.institution_id = f.institution_id AND c.framework_id = f.id AND c.retired_at IS NULL) AS current_count,
       (SELECT count(*) FROM competencies c
        WHERE c.institution_id = f.institution_id AND c.framework_id = f.id AND c.retired_at IS NOT NULL) AS retired_count
FROM frameworks f
LEFT JOIN LATERAL (
    SELECT fp.policy, fp.effective_from FROM framework_policies fp
    WHERE fp.institution_id = f.institution_id AND fp.framework_id = f.id AND fp.effective_from <= now()
    ORDER BY fp.effective_from DESC, fp.id DESC
    LIMIT 1
) p ON true
WHERE f.institution_id = :institution_id ORDER BY f.id;
SELECT c.id, c.framework_id, c.position, c.uri, c.human_coding_scheme, c.full_statement, c.abbreviated_statement,
       c.item_type, c.education_levels, c.list_enumeration, c.list_position, c.scale_override, c.created_at,
       c.updated_at, c.retired_at, f.title AS framework_title, '[]'::json AS parents
FROM competencies c
JOIN frameworks f ON f.institution_id = c.institution_id AND f.id = c.framework_id
WHERE c.institution_id = :institution_id ORDER BY c.framework_id, c.position, c.id;
SELECT id, association_type, origin_id, destination_id, sequence_number, is_local, framework_id
FROM competency_associations
WHERE institution_id = :institution_id AND retired_at IS NULL
ORDER BY framework_id, position, id;
-- ReviewLedgerStore.reviews(_:) (the superseded reviews; none here)
SELECT id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, recorded_at, recording_sequence, supersedes
FROM reviews WHERE id = ANY ('{}'::uuid[]);
-- ReviewLedgerStore.record
INSERT INTO reviews (institution_id, id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, supersedes)
SELECT pathfolio_current_institution(), d.id, d.evidence_id, d.learner_id, d.competency_id, d.reviewer_id,
       d.points, d.comment, s.supersedes
FROM unnest(array[gen_random_uuid(), gen_random_uuid(), gen_random_uuid()]::uuid[],
            array[:evidence_id, :evidence_id, :evidence_id]::uuid[],
            array[('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid,
                  ('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid,
                  ('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid]::uuid[],
            array[('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j)::text, 4, '0'))::uuid,
                  ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j1)::text, 4, '0'))::uuid,
                  ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j2)::text, 4, '0'))::uuid]::uuid[],
            array[:person_id, :person_id, :person_id]::uuid[],
            array[:p0, :p1, :p2]::numeric[], array['', '', '']::text[], array['', '', '']::text[])
     WITH ORDINALITY AS d(id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, supersedes_text, ordinality)
     CROSS JOIN LATERAL (SELECT NULLIF(d.supersedes_text, '')::uuid AS supersedes) s
ORDER BY d.ordinality
RETURNING id, recorded_at, recording_sequence;
-- EvidenceRecordStore.changeStatus
UPDATE evidence SET status = 'accepted', status_changed_at = now()
WHERE id = :evidence_id AND status = 'submitted';
-- ReviewLedgerStore.reviews(of:) (every review of the learner)
SELECT id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, recorded_at, recording_sequence, supersedes
FROM reviews
WHERE learner_id = ('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid
  AND (NULL::uuid[] IS NULL OR competency_id = ANY (NULL::uuid[]))
ORDER BY recorded_at, recording_sequence;
-- MasteryStateStore.save (the three rated standards and their strand)
INSERT INTO mastery_states AS m (institution_id, learner_id, competency_id, source, status, score, level_label,
                                 level_points, first_mastered_at, contributing_reviews, latest_review_at, updated_at)
SELECT pathfolio_current_institution(), ('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid, s.competency, s.source, s.status,
       NULLIF(s.score, '')::numeric, NULLIF(s.level_label, ''), NULLIF(s.level_points, '')::numeric,
       NULLIF(s.first_mastered, '')::timestamptz, s.reviews, NULLIF(s.latest, '')::timestamptz, now()
FROM unnest(array[('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || '0000')::uuid,
                  ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j)::text, 4, '0'))::uuid,
                  ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j1)::text, 4, '0'))::uuid,
                  ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j2)::text, 4, '0'))::uuid]::uuid[],
            array['rollup', 'direct', 'direct', 'direct']::text[],
            array['in_progress', 'mastered', 'mastered', 'mastered']::text[], array['', '4', '4', '4']::text[],
            array['', 'Advanced', 'Advanced', 'Advanced']::text[], array['', '4', '4', '4']::text[],
            array['', '2026-01-05 09:00:00+00', '2026-01-05 09:00:00+00', '2026-01-05 09:00:00+00']::text[],
            array[0, 2, 2, 2]::int[],
            array['', '2026-11-23 12:00:00+00', '2026-11-23 12:00:00+00', '2026-11-23 12:00:00+00']::text[])
     AS s(competency, source, status, score, level_label, level_points, first_mastered, reviews, latest)
ON CONFLICT (institution_id, learner_id, competency_id) DO UPDATE SET
    source = excluded.source, status = excluded.status, score = excluded.score,
    level_label = excluded.level_label, level_points = excluded.level_points,
    first_mastered_at = excluded.first_mastered_at, contributing_reviews = excluded.contributing_reviews,
    latest_review_at = excluded.latest_review_at, updated_at = now();
INSERT INTO audit_log (institution_id, actor_id, action, target_type, target_id, details)
VALUES (pathfolio_current_institution(), :person_id, 'evidence.review', 'evidence', :evidence_id, '{"outcome": "accepted", "reviews": "3"}');
-- the review response is about 2,400 bytes
UPDATE idempotency_keys SET status = 201, location = NULL, response_body = convert_to(repeat('x', 2400), 'UTF8')
WHERE person_id = :person_id AND key = :idem_key;
COMMIT;
