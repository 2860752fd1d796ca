-- Signed credentials (SPEC §1.6, issue #8): each institution's signing keys (RS256 and EdDSA),
-- the algorithm it signs with, and the credentials it has revoked.
--
-- Private keys are stored sealed (AES-256-GCM) with a key-encryption key that never enters
-- the database; the associated data binds each sealed key to its kid and institution, so a
-- sealed key copied into another row does not open. Public keys stay published after a key is
-- retired (rotated out), for as long as credentials it signed may exist: a retired key never
-- signs again, and rows are never deleted.
--
-- Both tables are forced under row-level security. What must cross tenants (the JWKS, a
-- verifier's key and revocation lookups) goes through the narrow SECURITY DEFINER functions
-- below, which expose public keys and revocation facts and nothing else.

ALTER TABLE institutions ADD COLUMN credential_algorithm text NOT NULL DEFAULT 'RS256'
    CHECK (credential_algorithm IN ('RS256', 'EdDSA'));

CREATE TABLE signing_keys (
    kid                 text PRIMARY KEY CHECK (kid ~ '^[A-Za-z0-9_-]{43}$'),   -- RFC 7638 SHA-256 thumbprint
    institution_id      uuid NOT NULL REFERENCES institutions (id),
    algorithm           text NOT NULL CHECK (algorithm IN ('RS256', 'EdDSA')),
    public_jwk          jsonb NOT NULL CHECK (jsonb_typeof(public_jwk) = 'object' AND NOT public_jwk ? 'd'),
    private_key_sealed  bytea NOT NULL CHECK (length(private_key_sealed) BETWEEN 17 AND 16384),
    private_key_nonce   bytea NOT NULL CHECK (length(private_key_nonce) = 12),
    created_at          timestamptz NOT NULL DEFAULT now(),
    retired_at          timestamptz,
    CHECK (retired_at IS NULL OR retired_at >= created_at),
    CHECK ((algorithm = 'RS256') = (public_jwk->>'kty' = 'RSA'))
);
-- At most one current (unretired) key per institution and algorithm: two requests creating the
-- first key at once meet here, and the loser uses the winner's key.
CREATE UNIQUE INDEX signing_keys_current ON signing_keys (institution_id, algorithm) WHERE retired_at IS NULL;
CREATE INDEX signing_keys_institution ON signing_keys (institution_id, created_at);

-- A revoked credential, by its id (the VC's `id`, also the VC-JWT's `jti`).
CREATE TABLE credential_revocations (
    institution_id  uuid NOT NULL REFERENCES institutions (id),
    credential_id   text NOT NULL CHECK (length(credential_id) BETWEEN 1 AND 2048),
    revoked_at      timestamptz NOT NULL DEFAULT now(),
    reason          text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
    revoked_by      uuid,
    PRIMARY KEY (institution_id, credential_id),
    FOREIGN KEY (institution_id, revoked_by) REFERENCES people (institution_id, id)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['signing_keys', 'credential_revocations']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant ON %I USING (institution_id = pathfolio_current_institution()) '
                       'WITH CHECK (institution_id = pathfolio_current_institution())', t);
        -- Forced security binds the owner too, and the SECURITY DEFINER functions below run as
        -- the owner (the role running this migration): it alone may read across tenants, and
        -- only reads. pathfolio_app gets the tenant policy and nothing else.
        EXECUTE format('CREATE POLICY definer_reads ON %I FOR SELECT TO %I USING (true)', t, current_user);
    END LOOP;
END
$$;

-- Every institution's public keys, current and retired, for GET /.well-known/jwks.json.
CREATE FUNCTION pathfolio_published_signing_keys()
    RETURNS TABLE (kid text, institution_id uuid, algorithm text, public_jwk jsonb, created_at timestamptz, retired_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT k.kid, k.institution_id, k.algorithm, k.public_jwk, k.created_at, k.retired_at
        FROM public.signing_keys k ORDER BY k.created_at, k.kid
    $$;

-- One public key by kid, for a verifier.
CREATE FUNCTION pathfolio_published_signing_key(p_kid text)
    RETURNS TABLE (kid text, institution_id uuid, algorithm text, public_jwk jsonb, created_at timestamptz, retired_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT k.kid, k.institution_id, k.algorithm, k.public_jwk, k.created_at, k.retired_at
        FROM public.signing_keys k WHERE k.kid = p_kid
    $$;

-- Whether an institution revoked a credential id (and when, and why), for a verifier.
CREATE FUNCTION pathfolio_credential_revocation(p_institution uuid, p_credential_id text)
    RETURNS TABLE (revoked_at timestamptz, reason text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT r.revoked_at, r.reason FROM public.credential_revocations r
        WHERE r.institution_id = p_institution AND r.credential_id = p_credential_id
    $$;

-- Whether an institution exists (a verifier asks when a credential claims one of ours as issuer).
CREATE FUNCTION pathfolio_institution_exists(p_institution uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM public.institutions i WHERE i.id = p_institution) $$;

REVOKE ALL ON FUNCTION pathfolio_published_signing_keys() FROM PUBLIC;
REVOKE ALL ON FUNCTION pathfolio_published_signing_key(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION pathfolio_credential_revocation(uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION pathfolio_institution_exists(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathfolio_published_signing_keys() TO pathfolio_app;
GRANT EXECUTE ON FUNCTION pathfolio_published_signing_key(text) TO pathfolio_app;
GRANT EXECUTE ON FUNCTION pathfolio_credential_revocation(uuid, text) TO pathfolio_app;
GRANT EXECUTE ON FUNCTION pathfolio_institution_exists(uuid) TO pathfolio_app;

-- Keys are inserted and retired (retired_at set once), never changed otherwise or deleted.
GRANT SELECT, INSERT ON signing_keys TO pathfolio_app;
GRANT UPDATE (retired_at) ON signing_keys TO pathfolio_app;
GRANT SELECT, INSERT ON credential_revocations TO pathfolio_app;
GRANT UPDATE (credential_algorithm) ON institutions TO pathfolio_app;
