-- Who teaches and advises whom, the evidence ledger, reviews, mastery projections and the
-- idempotency keys of creating requests (SPEC §1.1, §1.3, §1.4, §2.1).
--
-- Learner records: every table here enables AND forces row-level security on the tenant of
-- the transaction (pathfolio.institution_id), like people in 0001.

-- An advisor's caseload.
CREATE TABLE advising (
    institution_id  uuid NOT NULL,
    advisor_id      uuid NOT NULL,
    learner_id      uuid NOT NULL,
    assigned_at     timestamptz NOT NULL DEFAULT now(),
    assigned_by     uuid,
    PRIMARY KEY (institution_id, advisor_id, learner_id),
    FOREIGN KEY (institution_id, advisor_id) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, learner_id) REFERENCES people (institution_id, id),
    CHECK (advisor_id <> learner_id)
);
CREATE INDEX advising_learner ON advising (institution_id, learner_id);

-- Direct assessor ↔ learner assignments (class enrollments from OneRoster come later).
CREATE TABLE teaching (
    institution_id  uuid NOT NULL,
    assessor_id     uuid NOT NULL,
    learner_id      uuid NOT NULL,
    assigned_at     timestamptz NOT NULL DEFAULT now(),
    assigned_by     uuid,
    PRIMARY KEY (institution_id, assessor_id, learner_id),
    FOREIGN KEY (institution_id, assessor_id) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, learner_id) REFERENCES people (institution_id, id),
    CHECK (assessor_id <> learner_id)
);
CREATE INDEX teaching_learner ON teaching (institution_id, learner_id);

-- Attached files, content-addressed by SHA-256 within an institution (identical uploads are
-- stored once).
CREATE TABLE evidence_files (
    institution_id  uuid NOT NULL REFERENCES institutions (id),
    sha256          bytea NOT NULL CHECK (length(sha256) = 32),
    byte_count      bigint NOT NULL CHECK (byte_count >= 0),
    content         bytea NOT NULL,
    stored_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, sha256),
    CHECK (length(content) = byte_count)
);

CREATE TABLE evidence (
    institution_id      uuid NOT NULL,
    id                  uuid NOT NULL,
    learner_id          uuid NOT NULL,
    submitted_by        uuid NOT NULL,
    kind                text NOT NULL CHECK (kind IN ('link', 'text', 'file', 'assessment_result', 'observation')),
    title               text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
    description         text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    url                 text CHECK (length(url) <= 2048),
    body                text CHECK (length(body) <= 100000),
    assessment          text CHECK (length(assessment) <= 300),
    result              text CHECK (length(result) <= 300),
    observed_on         date,
    file_sha256         bytea,
    file_media_type     text CHECK (length(file_media_type) <= 255),
    status              text NOT NULL DEFAULT 'submitted'
                        CHECK (status IN ('submitted', 'in_review', 'accepted', 'returned', 'withdrawn')),
    submitted_at        timestamptz NOT NULL DEFAULT now(),
    status_changed_at   timestamptz NOT NULL DEFAULT now(),
    previous_revision   uuid,
    PRIMARY KEY (institution_id, id),
    UNIQUE (institution_id, previous_revision),
    FOREIGN KEY (institution_id, learner_id) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, submitted_by) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, previous_revision) REFERENCES evidence (institution_id, id),
    FOREIGN KEY (institution_id, file_sha256) REFERENCES evidence_files (institution_id, sha256),
    CHECK (kind <> 'link' OR url IS NOT NULL),
    CHECK (kind <> 'text' OR body IS NOT NULL),
    CHECK (kind <> 'assessment_result' OR (assessment IS NOT NULL AND result IS NOT NULL)),
    CHECK (kind <> 'observation' OR (body IS NOT NULL AND observed_on IS NOT NULL)),
    CHECK (file_sha256 IS NULL OR kind = 'file')
);
CREATE INDEX evidence_learner ON evidence (institution_id, learner_id, submitted_at DESC, id);
CREATE INDEX evidence_waiting ON evidence (institution_id, submitted_at, id) WHERE status IN ('submitted', 'in_review');

-- The competencies a piece of evidence claims (1..n, in the order given).
CREATE TABLE evidence_claims (
    institution_id  uuid NOT NULL,
    evidence_id     uuid NOT NULL,
    competency_id   uuid NOT NULL,
    position        int NOT NULL CHECK (position >= 0),
    PRIMARY KEY (institution_id, evidence_id, competency_id),
    UNIQUE (institution_id, evidence_id, position),
    FOREIGN KEY (institution_id, evidence_id) REFERENCES evidence (institution_id, id),
    FOREIGN KEY (institution_id, competency_id) REFERENCES competencies (institution_id, id)
);
CREATE INDEX evidence_claims_competency ON evidence_claims (institution_id, competency_id);

-- The ledger of ratings. Append-only: the service may insert and read, never update or delete.
-- recorded_at is the service's clock (never backdated); recording_sequence breaks ties.
CREATE TABLE reviews (
    institution_id      uuid NOT NULL,
    id                  uuid NOT NULL,
    evidence_id         uuid NOT NULL,
    learner_id          uuid NOT NULL,
    competency_id       uuid NOT NULL,
    reviewer_id         uuid NOT NULL,
    points              numeric(7, 2) NOT NULL CHECK (points >= 0),
    comment             text NOT NULL DEFAULT '' CHECK (length(comment) <= 10000),
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    recording_sequence  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    supersedes          uuid,
    PRIMARY KEY (institution_id, id),
    UNIQUE (institution_id, supersedes),
    FOREIGN KEY (institution_id, evidence_id, competency_id)
        REFERENCES evidence_claims (institution_id, evidence_id, competency_id),
    FOREIGN KEY (institution_id, learner_id) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, reviewer_id) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, supersedes) REFERENCES reviews (institution_id, id)
);
CREATE INDEX reviews_learner_competency ON reviews (institution_id, learner_id, competency_id, recorded_at, recording_sequence);
CREATE INDEX reviews_evidence ON reviews (institution_id, evidence_id);

-- The projection of the ledger per (learner, competency): direct ratings and rollups.
CREATE TABLE mastery_states (
    institution_id          uuid NOT NULL,
    learner_id              uuid NOT NULL,
    competency_id           uuid NOT NULL,
    source                  text NOT NULL CHECK (source IN ('direct', 'rollup')),
    status                  text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'mastered')),
    score                   numeric(7, 2),
    level_label             text,
    level_points            numeric(7, 2),
    first_mastered_at       timestamptz,
    contributing_reviews    int NOT NULL DEFAULT 0 CHECK (contributing_reviews >= 0),
    latest_review_at        timestamptz,
    updated_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, learner_id, competency_id),
    FOREIGN KEY (institution_id, learner_id) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, competency_id) REFERENCES competencies (institution_id, id),
    CHECK (status <> 'mastered' OR first_mastered_at IS NOT NULL)
);

-- The first response to each creating request, replayed when the same key comes again.
CREATE TABLE idempotency_keys (
    institution_id  uuid NOT NULL,
    person_id       uuid NOT NULL,
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash    bytea NOT NULL CHECK (length(request_hash) = 32),
    status          int,
    location        text,
    response_body   bytea,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, person_id, key),
    FOREIGN KEY (institution_id, person_id) REFERENCES people (institution_id, id)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['advising', 'teaching', 'evidence_files', 'evidence', 'evidence_claims', 'reviews',
                             'mastery_states', 'idempotency_keys']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant ON %I USING (institution_id = pathfolio_current_institution()) '
                       'WITH CHECK (institution_id = pathfolio_current_institution())', t);
    END LOOP;
END
$$;

-- Operators' tools (`pathfolio mastery rebuild`) walk every institution before any tenant is set.
CREATE FUNCTION pathfolio_institutions() RETURNS TABLE (id uuid, slug text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT i.id, i.slug FROM public.institutions i ORDER BY i.slug $$;
REVOKE ALL ON FUNCTION pathfolio_institutions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathfolio_institutions() TO pathfolio_app;

GRANT SELECT, INSERT, DELETE ON advising, teaching TO pathfolio_app;
GRANT SELECT, INSERT ON evidence_files, evidence_claims, reviews TO pathfolio_app;
GRANT SELECT, INSERT ON evidence TO pathfolio_app;
GRANT UPDATE (status, status_changed_at, file_sha256, file_media_type) ON evidence TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON mastery_states TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE ON idempotency_keys TO pathfolio_app;
