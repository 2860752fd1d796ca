-- Transcripts (SPEC §1.6): certified transcripts, frozen at certification in every format, and
-- the FERPA disclosure record (34 CFR 99.32) of every transcript or export that left the service
-- for someone other than the learner.

-- A certified transcript: every format rendered once and stored, so each later read returns the
-- same bytes. Only the revocation columns may ever change (and only once, from NULL).
CREATE TABLE certified_transcripts (
    institution_id  uuid NOT NULL REFERENCES institutions (id),
    id              uuid NOT NULL,
    learner_id      uuid NOT NULL,
    as_of           timestamptz NOT NULL,
    certified_at    timestamptz NOT NULL DEFAULT now(),
    certified_by    uuid NOT NULL,
    credential_id   text NOT NULL CHECK (credential_id LIKE 'urn:uuid:%'),   -- the CLR's id and its VC-JWT jti
    json            bytea NOT NULL,
    csv             bytea NOT NULL,
    html            bytea NOT NULL,
    clr             bytea NOT NULL,                                         -- the compact VC-JWT
    json_sha256     bytea NOT NULL CHECK (length(json_sha256) = 32),
    csv_sha256      bytea NOT NULL CHECK (length(csv_sha256) = 32),
    html_sha256     bytea NOT NULL CHECK (length(html_sha256) = 32),
    clr_sha256      bytea NOT NULL CHECK (length(clr_sha256) = 32),
    signing_kid     text NOT NULL,
    revoked_at      timestamptz,
    revoked_by      uuid,
    revoke_reason   text CHECK (length(btrim(revoke_reason)) BETWEEN 1 AND 2000),
    PRIMARY KEY (institution_id, id),
    UNIQUE (credential_id),
    FOREIGN KEY (institution_id, learner_id) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, certified_by) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, revoked_by) REFERENCES people (institution_id, id),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL))
);
CREATE INDEX certified_transcripts_learner ON certified_transcripts (institution_id, learner_id, certified_at);

-- The certified bytes never change; revocation happens once.
CREATE FUNCTION certified_transcript_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.revoked_at IS NOT NULL THEN
        RAISE EXCEPTION 'certified transcript % is already revoked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.institution_id, NEW.id, NEW.learner_id, NEW.as_of, NEW.certified_at, NEW.certified_by, NEW.credential_id,
        NEW.json, NEW.csv, NEW.html, NEW.clr, NEW.signing_kid)
       IS DISTINCT FROM
       (OLD.institution_id, OLD.id, OLD.learner_id, OLD.as_of, OLD.certified_at, OLD.certified_by, OLD.credential_id,
        OLD.json, OLD.csv, OLD.html, OLD.clr, OLD.signing_kid) THEN
        RAISE EXCEPTION 'certified transcript % is frozen', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER certified_transcripts_frozen BEFORE UPDATE ON certified_transcripts
    FOR EACH ROW EXECUTE FUNCTION certified_transcript_frozen();

-- Disclosures: append-only. One row per learner whose record was disclosed; the rows of one bulk
-- export share its export id.
CREATE TABLE disclosures (
    institution_id  uuid NOT NULL REFERENCES institutions (id),
    id              bigint GENERATED ALWAYS AS IDENTITY,
    learner_id      uuid NOT NULL,
    recipient_id    uuid NOT NULL,                       -- who received it (the caller)
    party           text NOT NULL CHECK (length(btrim(party)) BETWEEN 1 AND 300),
    purpose         text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 1 AND 1000),
    record          text NOT NULL CHECK (record IN ('transcript', 'certified_transcript', 'bulk_export')),
    format          text NOT NULL CHECK (format IN ('json', 'csv', 'html', 'clr', 'ndjson')),
    as_of           timestamptz,
    reference       uuid,                                -- the certified transcript or the export
    disclosed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, learner_id) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, recipient_id) REFERENCES people (institution_id, id)
);
CREATE INDEX disclosures_learner ON disclosures (institution_id, learner_id, id);
-- A bulk export reads its learners back by its reference.
CREATE INDEX disclosures_reference ON disclosures (institution_id, reference, learner_id) WHERE reference IS NOT NULL;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['certified_transcripts', 'disclosures']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant ON %I USING (institution_id = pathfolio_current_institution()) '
                       'WITH CHECK (institution_id = pathfolio_current_institution())', t);
    END LOOP;
END
$$;

GRANT SELECT, INSERT ON certified_transcripts, disclosures TO pathfolio_app;
GRANT UPDATE (revoked_at, revoked_by, revoke_reason) ON certified_transcripts TO pathfolio_app;
