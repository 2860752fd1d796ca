-- What lets a service process keep an institution's competency catalog in memory and open a
-- request's transaction in one round trip (README "Database"; bench/README.md W1, W2).
--
-- catalog_versions: one counter per institution, bumped in the same transaction as every
-- change to its frameworks, competencies, associations or mastery policies (statement-level
-- triggers below, so every writer counts, not only the service). A process caches a catalog
-- with the version it was read at and checks the counter in the round trip that authenticates
-- the request: any process sees any other's change as soon as it commits.

CREATE TABLE catalog_versions (
    institution_id  uuid PRIMARY KEY REFERENCES institutions (id),
    version         bigint NOT NULL CHECK (version > 0)
);

-- Readable per tenant; written only by the trigger function (the owner's), so not forced.
ALTER TABLE catalog_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON catalog_versions USING (institution_id = pathfolio_current_institution());
GRANT SELECT ON catalog_versions TO pathfolio_app;

-- Bumps the version of every institution whose rows the statement changed (`changed` is the
-- statement's transition table: the new rows of an INSERT or UPDATE, the old of a DELETE).
CREATE FUNCTION pathfolio_bump_catalog_version() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    INSERT INTO public.catalog_versions AS v (institution_id, version)
    SELECT DISTINCT institution_id, 1 FROM changed
    ON CONFLICT (institution_id) DO UPDATE SET version = v.version + 1;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION pathfolio_bump_catalog_version() FROM PUBLIC;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['frameworks', 'competencies', 'competency_associations', 'framework_policies']
    LOOP
        -- A trigger with a transition table fires on one event only.
        EXECUTE format('CREATE TRIGGER catalog_version_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION pathfolio_bump_catalog_version()', t);
        EXECUTE format('CREATE TRIGGER catalog_version_update AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION pathfolio_bump_catalog_version()', t);
        EXECUTE format('CREATE TRIGGER catalog_version_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION pathfolio_bump_catalog_version()', t);
    END LOOP;
END
$$;

-- The person a request's transaction acts for, set with the tenant when the request's token
-- is found valid (NULL otherwise), so statements sent in the same round trip as the token
-- check can name the caller. Row-level security does not use it: the tenant alone does.
CREATE FUNCTION pathfolio_current_person() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('pathfolio.person_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION pathfolio_current_person() TO pathfolio_app;
