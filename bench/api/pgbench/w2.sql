-- W2 for pgbench: every statement the service runs for GET /v1/learners/{id}/progress (a
-- learner reading their own progress, the catalog held by the process), in order, one round
-- trip each, as pathfolio_app. The service sends them all in one round trip.
-- Variables from the driver: learners.
\set i random(1, :learners)
BEGIN ISOLATION LEVEL READ COMMITTED;
-- ApiTokenStore.opening: the token, the tenant and the current person in one statement
SELECT t.token_id, t.institution_id, t.person_id, t.expires_at, t.revoked_at, now() AS started,
       set_config('pathfolio.institution_id', CASE WHEN t.valid THEN t.institution_id::text ELSE '' END, true) AS tenant,
       set_config('pathfolio.person_id', CASE WHEN t.valid THEN t.person_id::text ELSE '' END, true) AS person
FROM (SELECT a.*, a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now()) AS valid
      FROM pathfolio_authenticate(sha256(convert_to('pf_' || rtrim(translate(encode(sha256(convert_to('pathfolio-bench/learner/' || :i, 'UTF8')), 'base64'), '+/', '-_'), '='), 'UTF8'))) a) t
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
-- MasteryStateStore.states(of:)
SELECT competency_id, source, status, score, level_label, level_points, first_mastered_at, contributing_reviews, latest_review_at
FROM mastery_states WHERE learner_id = ('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid;
COMMIT;
