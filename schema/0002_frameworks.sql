-- Competency frameworks imported from CASE packages (SPEC §1.2), and their mastery policies.
--
-- CASE identifiers are global, and two institutions may import the same framework, so every
-- table is keyed by (institution_id, id). Each stored CASE object keeps the CASE 1.1 JSON the
-- export writer produced for it (`case_json`), so the CASE REST reads and package exports are
-- lossless. Those columns are `json`, not `jsonb`: `json` keeps the text exactly as written
-- (member order, number text such as 1.0, \u0000 escapes), which a byte-identical export needs;
-- the modelled columns beside it serve every query. Nothing here is deleted: an item or
-- association that disappears from a newer version of its framework gets `retired_at`.

CREATE TABLE frameworks (
    institution_id   uuid NOT NULL REFERENCES institutions (id),
    id               uuid NOT NULL,                                   -- CFDocument identifier
    uri              text NOT NULL CHECK (length(uri) <= 4096),
    title            text NOT NULL CHECK (length(title) <= 4000),
    creator          text NOT NULL CHECK (length(creator) <= 4000),
    version          text CHECK (length(version) <= 1000),
    subjects         text[] NOT NULL DEFAULT '{}',
    language         text CHECK (length(language) <= 100),
    adoption_status  text CHECK (length(adoption_status) <= 1000),
    last_changed_at  timestamptz NOT NULL,                            -- CFDocument lastChangeDateTime
    -- The default proficiency scale: {"levels": [{"label", "points"}], "masteryThreshold"}.
    default_scale    jsonb NOT NULL CHECK (jsonb_typeof(default_scale) = 'object'),
    case_json        json NOT NULL,                                   -- the 1.1 CFDocument of the package
    -- The rest of the package: CFDefinitions, and the members after it (CFRubrics,
    -- extensions), both as the writer produced them.
    definitions_json json NOT NULL,
    package_json     json NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (institution_id, id),
    CHECK (json_typeof(case_json) = 'object' AND case_json ->> 'identifier' = id::text),
    CHECK (json_typeof(definitions_json) = 'object'),
    CHECK (json_typeof(package_json) = 'object'),
    CHECK (updated_at >= created_at)
);
-- GET /v1/frameworks: keyset pagination by title, then id.
CREATE INDEX frameworks_by_title ON frameworks (institution_id, title, id);

-- CFItems.
CREATE TABLE competencies (
    institution_id        uuid NOT NULL,
    id                    uuid NOT NULL,                              -- CFItem identifier
    framework_id          uuid NOT NULL,
    -- Order in the package as published (0-based); retired items keep their last one.
    position              integer NOT NULL CHECK (position >= 0),
    uri                   text NOT NULL CHECK (length(uri) <= 4096),
    human_coding_scheme   text CHECK (length(human_coding_scheme) <= 1000),
    full_statement        text NOT NULL CHECK (length(full_statement) <= 200000),
    abbreviated_statement text CHECK (length(abbreviated_statement) <= 20000),
    item_type             text CHECK (length(item_type) <= 1000),
    education_levels      text[] NOT NULL DEFAULT '{}',
    list_enumeration      text CHECK (length(list_enumeration) <= 100),
    list_position         integer,
    -- A proficiency scale replacing the framework's default for this competency.
    scale_override        jsonb CHECK (scale_override IS NULL OR jsonb_typeof(scale_override) = 'object'),
    case_json             json NOT NULL,                              -- the 1.1 CFItem as in the package
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    retired_at            timestamptz,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, framework_id) REFERENCES frameworks (institution_id, id),
    CHECK (json_typeof(case_json) = 'object' AND case_json ->> 'identifier' = id::text),
    CHECK (updated_at >= created_at),
    CHECK (retired_at IS NULL OR retired_at >= created_at)
);
-- A framework's competencies in order (GET /v1/frameworks/{id}/competencies, package export).
CREATE INDEX competencies_by_position ON competencies (institution_id, framework_id, position, id);

-- CFAssociations. Either end may lie outside every framework the institution holds (an
-- external node): that end is kept as the published reference (identifier, uri, title) and
-- resolves, by its id, once its framework is imported.
CREATE TABLE competency_associations (
    institution_id          uuid NOT NULL,
    id                      uuid NOT NULL,                            -- CFAssociation identifier
    -- The framework whose package published it; NULL for a prerequisite an admin added locally.
    framework_id            uuid,
    position                integer NOT NULL CHECK (position >= 0),
    association_type        text NOT NULL CHECK (length(association_type) BETWEEN 1 AND 200),
    -- The ends as ids: the published identifier when it is a UUID, else a stable name-based one.
    origin_id               uuid NOT NULL,
    destination_id          uuid NOT NULL,
    -- The ends as published (CASE LinkGenURI).
    origin_identifier       text NOT NULL CHECK (length(origin_identifier) BETWEEN 1 AND 4096),
    origin_uri              text NOT NULL CHECK (length(origin_uri) <= 4096),
    origin_title            text NOT NULL CHECK (length(origin_title) <= 20000),
    destination_identifier  text NOT NULL CHECK (length(destination_identifier) BETWEEN 1 AND 4096),
    destination_uri         text NOT NULL CHECK (length(destination_uri) <= 4096),
    destination_title       text NOT NULL CHECK (length(destination_title) <= 20000),
    sequence_number         integer,
    is_local                boolean NOT NULL DEFAULT false,
    case_json               json NOT NULL,                            -- the 1.1 CFAssociation as in the package
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    retired_at              timestamptz,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, framework_id) REFERENCES frameworks (institution_id, id),
    CHECK (is_local OR framework_id IS NOT NULL),
    CHECK (json_typeof(case_json) = 'object' AND case_json ->> 'identifier' = id::text
           AND case_json ->> 'associationType' = association_type),
    -- A prerequisite or a parent of itself is a cycle of one (SPEC §1.2: the graph is acyclic).
    CHECK (association_type NOT IN ('precedes', 'isChildOf') OR origin_id <> destination_id),
    CHECK (updated_at >= created_at),
    CHECK (retired_at IS NULL OR retired_at >= created_at)
);
-- A package's associations in order (export, retiring what a newer version dropped).
CREATE INDEX competency_associations_by_framework ON competency_associations (institution_id, framework_id, position);
-- A competency's parents, children, prerequisites and dependents (GET /v1/competencies/{id}).
CREATE INDEX competency_associations_by_origin ON competency_associations (institution_id, origin_id);
CREATE INDEX competency_associations_by_destination ON competency_associations (institution_id, destination_id);

-- Mastery policy history (SPEC §1.4): append-only. The policy in force at an instant is the
-- one with the latest effective_from at or before it (ties: the later recorded); none means
-- the core default (highest, rollup all).
CREATE TABLE framework_policies (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    institution_id  uuid NOT NULL,
    framework_id    uuid NOT NULL,
    -- {"method": {"method", "parameter"}, "methodOverrides": {id: method},
    --  "rollups": {id: rollup}, "defaultRollup": rollup}
    policy          jsonb NOT NULL CHECK (jsonb_typeof(policy) = 'object' AND policy ? 'method'),
    -- The proficiency scale this policy rates the framework on; NULL: the framework's default_scale.
    scale           jsonb CHECK (scale IS NULL OR jsonb_typeof(scale) = 'object'),
    effective_from  timestamptz NOT NULL,
    changed_by      uuid NOT NULL,
    changed_at      timestamptz NOT NULL,
    FOREIGN KEY (institution_id, framework_id) REFERENCES frameworks (institution_id, id),
    FOREIGN KEY (institution_id, changed_by) REFERENCES people (institution_id, id)
);
-- The policy in force (latest effective) and the history, newest first.
CREATE INDEX framework_policies_by_framework ON framework_policies (institution_id, framework_id, effective_from DESC, id DESC);

-- Row-level security on every table, forced so that even the owner sees only the tenant.
ALTER TABLE frameworks ENABLE ROW LEVEL SECURITY;
ALTER TABLE frameworks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON frameworks
    USING (institution_id = pathfolio_current_institution())
    WITH CHECK (institution_id = pathfolio_current_institution());

ALTER TABLE competencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE competencies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON competencies
    USING (institution_id = pathfolio_current_institution())
    WITH CHECK (institution_id = pathfolio_current_institution());

ALTER TABLE competency_associations ENABLE ROW LEVEL SECURITY;
ALTER TABLE competency_associations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON competency_associations
    USING (institution_id = pathfolio_current_institution())
    WITH CHECK (institution_id = pathfolio_current_institution());

ALTER TABLE framework_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE framework_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON framework_policies
    USING (institution_id = pathfolio_current_institution())
    WITH CHECK (institution_id = pathfolio_current_institution());

-- Frameworks, items and associations are updated in place by re-imports (never deleted);
-- the policy history is append-only.
GRANT SELECT, INSERT, UPDATE ON frameworks TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE ON competencies TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE ON competency_associations TO pathfolio_app;
GRANT SELECT, INSERT ON framework_policies TO pathfolio_app;
