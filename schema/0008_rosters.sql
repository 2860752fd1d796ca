-- OneRoster rosters (SPEC §1.1, issue #8): orgs and who belongs to them, academic sessions,
-- the roster columns of classes and people, enrollments, demographics, a record of every
-- import, and the equity report's minimum group size (SPEC §1.7).
--
-- Every table is a learner record or an institution's configuration: row-level security is
-- enabled and forced on the transaction's tenant, like 0003 and 0005.
--
-- What an import made is marked, so that the next import replaces only that: `source =
-- 'roster'` on roles, class memberships and advising links (an admin's own assignments stay
-- 'manual' and no import removes them), `rostered` on people and classes an import carried.

ALTER TABLE person_roles ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'roster'));
ALTER TABLE class_members ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'roster'));
ALTER TABLE advising ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'roster'));

-- OneRoster users: the human identifier (student number), whether a roster carried the person,
-- and when a roster stopped carrying them (people are never deleted: they may hold records).
ALTER TABLE people
    ADD COLUMN identifier text CHECK (length(identifier) <= 255),
    ADD COLUMN rostered boolean NOT NULL DEFAULT false,
    ADD COLUMN retired_at timestamptz;

-- Schools, districts, departments … (OneRoster `orgs`), with their parent (a district above
-- its schools). `parent_source_id` is as written; `parent_id` is that org once it is known.
CREATE TABLE orgs (
    institution_id      uuid NOT NULL REFERENCES institutions (id),
    id                  uuid NOT NULL,
    source_id           text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 255),
    name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    type                text NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
    identifier          text CHECK (length(identifier) <= 255),
    parent_source_id    text CHECK (length(parent_source_id) BETWEEN 1 AND 255),
    parent_id           uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    retired_at          timestamptz,
    PRIMARY KEY (institution_id, id),
    UNIQUE (institution_id, source_id),
    FOREIGN KEY (institution_id, parent_id) REFERENCES orgs (institution_id, id),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX orgs_parent ON orgs (institution_id, parent_id) WHERE parent_id IS NOT NULL;

-- Who belongs to which org, in which role: OneRoster 1.1 users' `orgSourcedIds` with their
-- `role`, 1.2 `roles.csv`. `role` is the Pathfolio role the OneRoster role maps to
-- (`learner`, `assessor`, `advisor`) or `other`; `roster_role` the OneRoster role as written.
-- `source_id` is the record it came from (the 1.2 role's sourcedId, the 1.1 user's).
CREATE TABLE org_members (
    institution_id  uuid NOT NULL,
    org_id          uuid NOT NULL,
    person_id       uuid NOT NULL,
    role            text NOT NULL CHECK (role IN ('learner', 'assessor', 'advisor', 'other')),
    roster_role     text NOT NULL CHECK (length(roster_role) BETWEEN 1 AND 100),
    is_primary      boolean NOT NULL DEFAULT false,
    begin_date      date,
    end_date        date,
    source_id       text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 255),
    PRIMARY KEY (institution_id, org_id, person_id, roster_role),
    FOREIGN KEY (institution_id, org_id) REFERENCES orgs (institution_id, id),
    FOREIGN KEY (institution_id, person_id) REFERENCES people (institution_id, id)
);
CREATE INDEX org_members_person ON org_members (institution_id, person_id);
CREATE INDEX org_members_org_role ON org_members (institution_id, org_id, role);
CREATE INDEX org_members_source ON org_members (institution_id, source_id);

-- Terms, semesters, grading periods, school years (OneRoster `academicSessions`).
CREATE TABLE academic_sessions (
    institution_id      uuid NOT NULL REFERENCES institutions (id),
    id                  uuid NOT NULL,
    source_id           text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 255),
    title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    type                text NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
    start_date          date NOT NULL,
    end_date            date NOT NULL,
    parent_source_id    text CHECK (length(parent_source_id) BETWEEN 1 AND 255),
    school_year         text NOT NULL CHECK (length(school_year) BETWEEN 1 AND 20),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    retired_at          timestamptz,
    PRIMARY KEY (institution_id, id),
    UNIQUE (institution_id, source_id)
);

-- The roster's side of a class: its school, type, course and terms (sourcedIds as written).
ALTER TABLE classes
    ADD COLUMN org_id uuid,
    ADD COLUMN class_type text CHECK (length(class_type) BETWEEN 1 AND 100),
    ADD COLUMN course_source_id text CHECK (length(course_source_id) BETWEEN 1 AND 255),
    ADD COLUMN course_title text CHECK (length(course_title) <= 300),
    ADD COLUMN term_source_ids text[] NOT NULL DEFAULT '{}',
    ADD COLUMN rostered boolean NOT NULL DEFAULT false,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN retired_at timestamptz,
    ADD FOREIGN KEY (institution_id, org_id) REFERENCES orgs (institution_id, id);

-- OneRoster `enrollments`, as written (role `student`, `teacher`, `administrator`, `proctor`,
-- `ext:…`). The class memberships (`class_members`, source 'roster') and the homeroom advising
-- links (`advising`, source 'roster') are derived from them after every import.
CREATE TABLE enrollments (
    institution_id  uuid NOT NULL,
    id              uuid NOT NULL,
    source_id       text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 255),
    class_id        uuid NOT NULL,
    person_id       uuid NOT NULL,
    role            text NOT NULL CHECK (length(role) BETWEEN 1 AND 100),
    is_primary      boolean,
    begin_date      date,
    end_date        date,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, id),
    UNIQUE (institution_id, source_id),
    FOREIGN KEY (institution_id, class_id) REFERENCES classes (institution_id, id) ON DELETE CASCADE,
    FOREIGN KEY (institution_id, person_id) REFERENCES people (institution_id, id)
);
CREATE INDEX enrollments_class ON enrollments (institution_id, class_id, role);
CREATE INDEX enrollments_person ON enrollments (institution_id, person_id);

-- OneRoster `demographics`, one record per person: every field of the spec that the row gave
-- (`birthDate`, `sex`, the race and ethnicity flags as "true"/"false", `countryOfBirthCode`,
-- `stateOfBirthAbbreviation`, `cityOfBirth`, `publicSchoolResidenceStatus`) as a JSON object
-- of strings. One jsonb record rather than a row per field: a OneRoster demographics row is
-- replaced or removed as a whole, which is one upsert or delete here, and the equity report
-- groups by `fields ->> field` in the same scan that finds the learners.
CREATE TABLE person_demographics (
    institution_id  uuid NOT NULL,
    person_id       uuid NOT NULL,
    fields          jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, person_id),
    FOREIGN KEY (institution_id, person_id) REFERENCES people (institution_id, id)
);

-- Every import that was written (a dry run or a rejected package writes nothing, this
-- included): who, when, how (API or CLI), the version and files of the manifest, what it did
-- per table, and its warnings.
CREATE TABLE roster_imports (
    institution_id  uuid NOT NULL REFERENCES institutions (id),
    id              uuid NOT NULL,
    actor_id        uuid,
    channel         text NOT NULL CHECK (channel IN ('api', 'cli')),
    version         text NOT NULL CHECK (version IN ('1.1', '1.2')),
    source_system   text CHECK (length(source_system) <= 300),
    files           jsonb NOT NULL CHECK (jsonb_typeof(files) = 'object'),
    counts          jsonb NOT NULL CHECK (jsonb_typeof(counts) = 'object'),
    warnings        jsonb NOT NULL CHECK (jsonb_typeof(warnings) = 'array'),
    imported_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, actor_id) REFERENCES people (institution_id, id)
);
CREATE INDEX roster_imports_time ON roster_imports (institution_id, imported_at DESC);

-- The equity report's smallest group shown (SPEC §1.7); the default when no row.
CREATE TABLE equity_settings (
    institution_id      uuid PRIMARY KEY REFERENCES institutions (id),
    minimum_group_size  int NOT NULL DEFAULT 10 CHECK (minimum_group_size BETWEEN 5 AND 1000),
    updated_by          uuid,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['orgs', 'org_members', 'academic_sessions', 'enrollments', 'person_demographics',
                             'roster_imports', 'equity_settings']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant ON %I USING (institution_id = pathfolio_current_institution()) '
                       'WITH CHECK (institution_id = pathfolio_current_institution())', t);
    END LOOP;
END
$$;

-- An org and every org below it (a district, its schools, their departments), as the caller
-- sees them (row-level security applies: SECURITY INVOKER). UNION stops at a parent cycle.
CREATE FUNCTION pathfolio_org_subtree(p_org uuid) RETURNS TABLE (org_id uuid)
    LANGUAGE sql STABLE
    AS $$
        WITH RECURSIVE tree (id) AS (
            SELECT o.id FROM orgs o WHERE o.id = p_org
            UNION
            SELECT c.id FROM orgs c JOIN tree t ON c.parent_id = t.id
        )
        SELECT id FROM tree
    $$;

-- The learners of an org: members with role 'learner' of it or of any org below it.
CREATE FUNCTION pathfolio_org_learners(p_org uuid) RETURNS TABLE (person_id uuid)
    LANGUAGE sql STABLE
    AS $$
        SELECT DISTINCT m.person_id
        FROM org_members m
        WHERE m.role = 'learner' AND m.org_id IN (SELECT s.org_id FROM pathfolio_org_subtree(p_org) s)
    $$;

GRANT EXECUTE ON FUNCTION pathfolio_org_subtree(uuid) TO pathfolio_app;
GRANT EXECUTE ON FUNCTION pathfolio_org_learners(uuid) TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE ON orgs, academic_sessions, person_demographics TO pathfolio_app;
GRANT DELETE ON person_demographics TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON org_members, enrollments TO pathfolio_app;
GRANT SELECT, INSERT ON roster_imports TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE ON equity_settings TO pathfolio_app;
