-- Pathfolio's first migration: tenants, people and their roles, API tokens, the audit log.
--
-- Conventions (see README "Database"):
--   * every table carries institution_id; learner-record tables enable AND force row-level
--     security, keyed on the transaction-local setting pathfolio.institution_id, so a query
--     that forgot its tenant sees nothing;
--   * the service connects as pathfolio_app, which owns nothing and is granted only what it
--     needs; migrations run as the owner.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pathfolio_app') THEN
        CREATE ROLE pathfolio_app NOLOGIN;
    END IF;
END
$$;

-- The tenant of the current transaction, or NULL when none was set (then RLS shows nothing).
CREATE FUNCTION pathfolio_current_institution() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('pathfolio.institution_id', true), '')::uuid $$;

CREATE TABLE institutions (
    id          uuid PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
    time_zone   text NOT NULL DEFAULT 'UTC' CHECK (length(time_zone) BETWEEN 1 AND 64),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE people (
    id              uuid NOT NULL,
    institution_id  uuid NOT NULL REFERENCES institutions (id),
    source_id       text CHECK (length(source_id) BETWEEN 1 AND 255),   -- OneRoster sourcedId
    given_name      text NOT NULL CHECK (length(given_name) <= 200),
    family_name     text NOT NULL CHECK (length(family_name) <= 200),
    email           text CHECK (length(email) <= 320),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id),
    UNIQUE (institution_id, id),
    UNIQUE (institution_id, source_id)
);

CREATE TABLE person_roles (
    institution_id  uuid NOT NULL,
    person_id       uuid NOT NULL,
    role            text NOT NULL CHECK (role IN ('learner', 'advisor', 'assessor', 'registrar', 'admin')),
    granted_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, role),
    FOREIGN KEY (institution_id, person_id) REFERENCES people (institution_id, id)
);

-- Bearer tokens, stored only as SHA-256 hashes of the random secret.
CREATE TABLE api_tokens (
    id              uuid PRIMARY KEY,
    institution_id  uuid NOT NULL,
    person_id       uuid NOT NULL,
    token_hash      bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    label           text NOT NULL DEFAULT '' CHECK (length(label) <= 200),
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz,
    revoked_at      timestamptz,
    FOREIGN KEY (institution_id, person_id) REFERENCES people (institution_id, id),
    CHECK (expires_at IS NULL OR expires_at > created_at)
);
CREATE INDEX api_tokens_person ON api_tokens (institution_id, person_id);

-- Append-only: the service may insert and read, never update or delete.
CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    institution_id  uuid NOT NULL REFERENCES institutions (id),
    actor_id        uuid,
    action          text NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    target_type     text NOT NULL CHECK (length(target_type) BETWEEN 1 AND 100),
    target_id       uuid,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    details         jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_target ON audit_log (institution_id, target_type, target_id, recorded_at);

-- Row-level security. people, person_roles and audit_log are learner records: forced, so
-- even the owner (outside superuser maintenance) sees only the current tenant.
ALTER TABLE institutions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON institutions USING (id = pathfolio_current_institution());

ALTER TABLE people ENABLE ROW LEVEL SECURITY;
ALTER TABLE people FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON people
    USING (institution_id = pathfolio_current_institution())
    WITH CHECK (institution_id = pathfolio_current_institution());

ALTER TABLE person_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON person_roles
    USING (institution_id = pathfolio_current_institution())
    WITH CHECK (institution_id = pathfolio_current_institution());

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON audit_log
    USING (institution_id = pathfolio_current_institution())
    WITH CHECK (institution_id = pathfolio_current_institution());

-- Tokens are enabled but not forced: authentication must find a token before the tenant is
-- known, which pathfolio_authenticate below does as the owner, exposing one row by hash.
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON api_tokens
    USING (institution_id = pathfolio_current_institution())
    WITH CHECK (institution_id = pathfolio_current_institution());

CREATE FUNCTION pathfolio_authenticate(p_token_hash bytea)
    RETURNS TABLE (token_id uuid, institution_id uuid, person_id uuid, expires_at timestamptz, revoked_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT t.id, t.institution_id, t.person_id, t.expires_at, t.revoked_at
        FROM public.api_tokens t
        WHERE t.token_hash = p_token_hash
    $$;
REVOKE ALL ON FUNCTION pathfolio_authenticate(bytea) FROM PUBLIC;

-- Operators' tools (`pathfolio token create --institution SLUG …`) name an institution by
-- its slug before any tenant is set; this resolves a slug and nothing else.
CREATE FUNCTION pathfolio_institution_by_slug(p_slug text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT i.id FROM public.institutions i WHERE i.slug = p_slug $$;
REVOKE ALL ON FUNCTION pathfolio_institution_by_slug(text) FROM PUBLIC;

GRANT USAGE ON SCHEMA public TO pathfolio_app;
GRANT EXECUTE ON FUNCTION pathfolio_institution_by_slug(text) TO pathfolio_app;
GRANT EXECUTE ON FUNCTION pathfolio_current_institution() TO pathfolio_app;
GRANT EXECUTE ON FUNCTION pathfolio_authenticate(bytea) TO pathfolio_app;
GRANT SELECT ON institutions TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE ON people TO pathfolio_app;
GRANT SELECT, INSERT, DELETE ON person_roles TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE ON api_tokens TO pathfolio_app;
GRANT SELECT, INSERT ON audit_log TO pathfolio_app;
GRANT SELECT ON schema_migrations TO pathfolio_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
