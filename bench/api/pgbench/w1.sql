-- W1 for pgbench: every statement the service runs for one evidence submission and its review
-- (both with an Idempotency-Key), in order, one round trip each, as pathfolio_app. The service
-- sends the same statements in four round trips: two per request (see bench/README.md).
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
-- round trip 1 of the service: APIContext.session opens the transaction
BEGIN ISOLATION LEVEL READ COMMITTED;
-- ApiTokenStore.opening: the token, the tenant and the current person in one statement
SELECT t.token_id, t.institution_id, t.person_id, t.expires_at, t.revoked_at, now() AS started,
       set_config('pathfolio.institution_id', CASE WHEN t.valid THEN t.institution_id::text ELSE '' END, true) AS tenant,
       set_config('pathfolio.person_id', CASE WHEN t.valid THEN t.person_id::text ELSE '' END, true) AS person
FROM (SELECT a.*, a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now()) AS valid
      FROM pathfolio_authenticate(sha256(convert_to('pf_' || rtrim(translate(encode(sha256(convert_to('pathfolio-bench/assessor/' || :a, 'UTF8')), 'base64'), '+/', '-_'), '='), 'UTF8'))) a) t
\gset
-- PersonStore.currentRequester
SELECT p.id, p.institution_id,
       array(SELECT role FROM person_roles WHERE person_id = p.id) AS roles,
       array(SELECT learner_id FROM advising WHERE advisor_id = p.id) AS caseload,
       array(SELECT learner_id FROM teaching WHERE assessor_id = p.id) AS taught
FROM people p WHERE p.id = pathfolio_current_person();
-- CatalogVersionStore.current
SELECT coalesce((SELECT version FROM catalog_versions WHERE institution_id = pathfolio_current_institution()), 0)::int8,
       (SELECT min(effective_from) FROM framework_policies
        WHERE institution_id = pathfolio_current_institution() AND effective_from > now());
-- IdempotencyKeyStore.claimForCurrentPerson
INSERT INTO idempotency_keys (institution_id, person_id, key, request_hash)
VALUES (pathfolio_current_institution(), pathfolio_current_person(), 'pgbench-' || gen_random_uuid(), sha256('request'::bytea))
ON CONFLICT DO NOTHING RETURNING key AS idem_key
\gset
-- EvidenceRecordStore.active
SELECT id FROM competencies WHERE id = ANY (array[
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j)::text, 4, '0'))::uuid,
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j1)::text, 4, '0'))::uuid,
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j2)::text, 4, '0'))::uuid]::uuid[]) AND retired_at IS NULL;
-- round trip 2 of the service: the writes and the commit (Session.commit)
-- EvidenceRecordStore.insertion
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
-- AuditLogStore.entry
INSERT INTO audit_log (institution_id, actor_id, action, target_type, target_id, details)
VALUES (pathfolio_current_institution(), :person_id, 'evidence.submit', 'evidence', :evidence_id, '{}');
-- IdempotencyKeyStore.completion (the response body is about 600 bytes)
UPDATE idempotency_keys SET status = 201, location = '/v1/evidence/' || :evidence_id, response_body = convert_to(repeat('x', 600), 'UTF8')
WHERE person_id = :person_id AND key = :idem_key;
COMMIT;

-- POST /v1/evidence/{id}/reviews -----------------------------------------------------------
-- round trip 1 of the service: APIContext.session opens the transaction with ReviewRoutes.reads
BEGIN ISOLATION LEVEL READ COMMITTED;
-- ApiTokenStore.opening: the token, the tenant and the current person in one statement
SELECT t.token_id, t.institution_id, t.person_id, t.expires_at, t.revoked_at, now() AS started,
       set_config('pathfolio.institution_id', CASE WHEN t.valid THEN t.institution_id::text ELSE '' END, true) AS tenant,
       set_config('pathfolio.person_id', CASE WHEN t.valid THEN t.person_id::text ELSE '' END, true) AS person
FROM (SELECT a.*, a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now()) AS valid
      FROM pathfolio_authenticate(sha256(convert_to('pf_' || rtrim(translate(encode(sha256(convert_to('pathfolio-bench/assessor/' || :a, 'UTF8')), 'base64'), '+/', '-_'), '='), 'UTF8'))) a) t
\gset
-- PersonStore.currentRequester
SELECT p.id, p.institution_id,
       array(SELECT role FROM person_roles WHERE person_id = p.id) AS roles,
       array(SELECT learner_id FROM advising WHERE advisor_id = p.id) AS caseload,
       array(SELECT learner_id FROM teaching WHERE assessor_id = p.id) AS taught
FROM people p WHERE p.id = pathfolio_current_person();
-- CatalogVersionStore.current
SELECT coalesce((SELECT version FROM catalog_versions WHERE institution_id = pathfolio_current_institution()), 0)::int8,
       (SELECT min(effective_from) FROM framework_policies
        WHERE institution_id = pathfolio_current_institution() AND effective_from > now());
-- IdempotencyKeyStore.claimForCurrentPerson
INSERT INTO idempotency_keys (institution_id, person_id, key, request_hash)
VALUES (pathfolio_current_institution(), pathfolio_current_person(), 'pgbench-' || gen_random_uuid(), sha256('request'::bytea))
ON CONFLICT DO NOTHING RETURNING key AS idem_key
\gset
-- EvidenceRecordStore.item(_:forUpdate: true)
SELECT e.id, e.learner_id, e.submitted_by, e.kind, e.title, e.description, e.url, e.body, e.assessment, e.result,
       e.observed_on, encode(e.file_sha256, 'hex') AS file_sha256, e.file_media_type,
       (SELECT f.byte_count FROM evidence_files f WHERE f.sha256 = e.file_sha256) AS file_size,
       e.status, e.submitted_at, e.previous_revision,
       array(SELECT c.competency_id FROM evidence_claims c WHERE c.evidence_id = e.id ORDER BY c.position) AS claims
FROM evidence e WHERE e.id = :evidence_id FOR UPDATE;
-- ReviewLedgerStore.lockLearner(ofEvidence:)
SELECT pg_advisory_xact_lock(1280462418, hashtext(learner_id::text)) FROM evidence WHERE id = :evidence_id;
-- ReviewLedgerStore.reviews(ofLearnerOf:for:) (the rated standards)
SELECT id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, recorded_at, recording_sequence, supersedes
FROM reviews
WHERE learner_id = (SELECT learner_id FROM evidence WHERE id = :evidence_id) AND competency_id = ANY (array[
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j)::text, 4, '0'))::uuid,
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j1)::text, 4, '0'))::uuid,
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j2)::text, 4, '0'))::uuid]::uuid[])
ORDER BY recorded_at, recording_sequence;
-- MasteryStateStore.states(ofLearnerOf:for:) (the strand and its standards: what the rollup needs)
SELECT competency_id, source, status, score, level_label, level_points, first_mastered_at, contributing_reviews, latest_review_at
FROM mastery_states
WHERE learner_id = (SELECT learner_id FROM evidence WHERE id = :evidence_id)
  AND competency_id = ANY (array(SELECT ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad(n::text, 4, '0'))::uuid
                                 FROM generate_series(0, :leaves) n));
-- round trip 2 of the service: the writes and the commit (Session.commit)
-- ReviewLedgerStore.recording
INSERT INTO reviews (institution_id, id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, supersedes)
SELECT pathfolio_current_institution(), d.id, d.evidence_id, d.learner_id, d.competency_id, d.reviewer_id,
       d.points, d.comment, s.supersedes
FROM unnest(array[gen_random_uuid(), gen_random_uuid(), gen_random_uuid()]::uuid[],
            array[:evidence_id, :evidence_id, :evidence_id]::uuid[],
            array[('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid, ('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid, ('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid]::uuid[],
            array[
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j)::text, 4, '0'))::uuid,
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j1)::text, 4, '0'))::uuid,
        ('c0000000-0000-4000-8000-00000' || lpad((:s)::text, 3, '0') || lpad((:j2)::text, 4, '0'))::uuid]::uuid[],
            array[:person_id, :person_id, :person_id]::uuid[],
            array[:p0, :p1, :p2]::numeric[], array['', '', '']::text[], array['', '', '']::text[])
     WITH ORDINALITY AS d(id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, supersedes_text, ordinality)
     CROSS JOIN LATERAL (SELECT NULLIF(d.supersedes_text, '')::uuid AS supersedes) s
ORDER BY d.ordinality
RETURNING id, recorded_at, recording_sequence;
-- EvidenceRecordStore.statusChange
UPDATE evidence SET status = 'accepted', status_changed_at = now()
WHERE id = :evidence_id AND status = 'submitted';
-- MasteryStateStore.saving (the three rated standards and their strand)
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
            array['in_progress', 'mastered', 'mastered', 'mastered']::text[], array['', '4.00', '4.00', '4.00']::text[],
            array['', 'Advanced', 'Advanced', 'Advanced']::text[], array['', '4.00', '4.00', '4.00']::text[],
            array['', '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z']::text[],
            array[0, 2, 2, 2]::int[],
            array['', '2026-11-23T12:00:00.123456Z', '2026-11-23T12:00:00.123456Z', '2026-11-23T12:00:00.123456Z']::text[])
     AS s(competency, source, status, score, level_label, level_points, first_mastered, reviews, latest)
ON CONFLICT (institution_id, learner_id, competency_id) DO UPDATE SET
    source = excluded.source, status = excluded.status, score = excluded.score,
    level_label = excluded.level_label, level_points = excluded.level_points,
    first_mastered_at = excluded.first_mastered_at, contributing_reviews = excluded.contributing_reviews,
    latest_review_at = excluded.latest_review_at, updated_at = now();
-- AuditLogStore.entry
INSERT INTO audit_log (institution_id, actor_id, action, target_type, target_id, details)
VALUES (pathfolio_current_institution(), :person_id, 'evidence.review', 'evidence', :evidence_id, '{"outcome": "accepted", "reviews": "3"}');
-- IdempotencyKeyStore.completion (the review response is about 2,400 bytes)
UPDATE idempotency_keys SET status = 201, location = NULL, response_body = convert_to(repeat('x', 2400), 'UTF8')
WHERE person_id = :person_id AND key = :idem_key;
COMMIT;
