-- W2 for pgbench: every statement the service runs for GET /v1/learners/{id}/progress (a
-- learner reading their own progress), in order, one round trip each, as pathfolio_app.
-- Variables from the driver: learners.
\set i random(1, :learners)
-- ApiTokenStore.holder(ofHash:) (its own pooled checkout, autocommit)
SELECT token_id, institution_id, person_id, expires_at, revoked_at
FROM pathfolio_authenticate(sha256(convert_to('pf_' || rtrim(translate(encode(sha256(convert_to('pathfolio-bench/learner/' || :i, 'UTF8')), 'base64'), '+/', '-_'), '='), 'UTF8')))
\gset
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT set_config('pathfolio.institution_id', :institution_id, true);
-- PersonStore.requester
SELECT array(SELECT role FROM person_roles WHERE person_id = p.id) AS roles,
       array(SELECT learner_id FROM advising WHERE advisor_id = p.id) AS caseload,
       array(SELECT learner_id FROM teaching WHERE assessor_id = p.id) AS taught
FROM people p WHERE p.id = :person_id;
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
-- MasteryStateStore.states(of:)
SELECT competency_id, source, status, score, level_label, level_points, first_mastered_at,
       contributing_reviews, latest_review_at
FROM mastery_states WHERE learner_id = ('10000000-0000-4000-8000-' || lpad((:i)::text, 12, '0'))::uuid;
COMMIT;
