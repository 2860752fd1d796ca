-- Individual learning plans, their goals, history and comments; plan templates (versioned);
-- classes and cohorts (who a template is instantiated for, whose mastery a teacher sees); the
-- institution's early-warning thresholds (SPEC §1.5, issue #7).
--
-- Every table is a learner record or an institution's configuration: row-level security is
-- enabled and forced on the transaction's tenant, like 0003.

-- A learner's cohort (a graduating class, a grade group): a label templates can be
-- instantiated for. OneRoster imports may fill it; POST /v1/people sets it.
ALTER TABLE people ADD COLUMN cohort text CHECK (length(btrim(cohort)) BETWEEN 1 AND 100);
CREATE INDEX people_cohort ON people (institution_id, cohort) WHERE cohort IS NOT NULL;

-- Classes (OneRoster `classes`) and who is in them: learners and the assessors teaching them.
CREATE TABLE classes (
    institution_id  uuid NOT NULL REFERENCES institutions (id),
    id              uuid NOT NULL,
    source_id       text CHECK (length(source_id) BETWEEN 1 AND 255),   -- OneRoster sourcedId
    title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
    code            text CHECK (length(code) <= 100),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, id),
    UNIQUE (institution_id, source_id)
);

CREATE TABLE class_members (
    institution_id  uuid NOT NULL,
    class_id        uuid NOT NULL,
    person_id       uuid NOT NULL,
    role            text NOT NULL CHECK (role IN ('learner', 'assessor')),
    added_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, class_id, person_id, role),
    FOREIGN KEY (institution_id, class_id) REFERENCES classes (institution_id, id) ON DELETE CASCADE,
    FOREIGN KEY (institution_id, person_id) REFERENCES people (institution_id, id)
);
CREATE INDEX class_members_person ON class_members (institution_id, person_id, role);

-- Plan templates: one row per version, never changed; the highest version is current.
CREATE TABLE plan_templates (
    institution_id  uuid NOT NULL REFERENCES institutions (id),
    id              uuid NOT NULL,
    version         int NOT NULL CHECK (version >= 1),
    title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
    description     text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    competencies    uuid[] NOT NULL,
    goal_outlines   jsonb NOT NULL CHECK (jsonb_typeof(goal_outlines) = 'array'),
    created_by      uuid NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, id, version),
    FOREIGN KEY (institution_id, created_by) REFERENCES people (institution_id, id)
);

CREATE TABLE plans (
    institution_id      uuid NOT NULL,
    id                  uuid NOT NULL,
    learner_id          uuid NOT NULL,
    advisor_ids         uuid[] NOT NULL CHECK (cardinality(advisor_ids) BETWEEN 1 AND 20),
    title               text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
    start_date          date NOT NULL,
    target_date         date NOT NULL,
    status              text NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'in_review', 'active', 'completed', 'archived')),
    template_id         uuid,
    template_version    int,
    strengths           text NOT NULL DEFAULT '' CHECK (length(strengths) <= 10000),
    challenges          text NOT NULL DEFAULT '' CHECK (length(challenges) <= 10000),
    interests           text NOT NULL DEFAULT '' CHECK (length(interests) <= 10000),
    aspirations         text NOT NULL DEFAULT '' CHECK (length(aspirations) <= 10000),
    version             int NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_by          uuid NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, learner_id) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, created_by) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, template_id, template_version) REFERENCES plan_templates (institution_id, id, version),
    CHECK (target_date >= start_date),
    CHECK ((template_id IS NULL) = (template_version IS NULL))
);
CREATE INDEX plans_learner ON plans (institution_id, learner_id, created_at DESC, id);
-- One plan per learner and template: instantiating again skips the learner.
CREATE UNIQUE INDEX plans_learner_template ON plans (institution_id, learner_id, template_id) WHERE template_id IS NOT NULL;

CREATE TABLE goals (
    institution_id  uuid NOT NULL,
    id              uuid NOT NULL,
    plan_id         uuid NOT NULL,
    position        int NOT NULL CHECK (position >= 0),
    statement       text NOT NULL CHECK (length(btrim(statement)) BETWEEN 1 AND 1000),
    kind            text NOT NULL CHECK (kind IN ('academic', 'career', 'personal')),
    targets         uuid[] NOT NULL CHECK (cardinality(targets) BETWEEN 1 AND 100),
    target_level    numeric(7, 2) CHECK (target_level >= 0),
    due_date        date NOT NULL,
    milestones      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(milestones) = 'array'),
    proposed_by     uuid NOT NULL,
    approved_by     uuid,
    dropped_by      uuid,
    drop_reason     text CHECK (length(btrim(drop_reason)) BETWEEN 1 AND 2000),
    version         int NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, id),
    UNIQUE (institution_id, plan_id, position),
    FOREIGN KEY (institution_id, plan_id) REFERENCES plans (institution_id, id),
    CHECK ((dropped_by IS NULL) = (drop_reason IS NULL))
);
CREATE INDEX goals_plan ON goals (institution_id, plan_id, position);

-- Goal milestones are [{"dueDate": "YYYY-MM-DD", "competencyIds": [uuid, ...]}], in date order.

-- Every change to a plan (or one of its goals), append-only: who, when, which version it made,
-- and what changed as a list of {op, path, from, value} (JSON pointers into the plan).
CREATE TABLE plan_history (
    institution_id  uuid NOT NULL,
    plan_id         uuid NOT NULL,
    sequence        bigint GENERATED ALWAYS AS IDENTITY,
    version         int NOT NULL CHECK (version >= 1),
    actor_id        uuid NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    action          text NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    changes         jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array'),
    PRIMARY KEY (institution_id, plan_id, sequence),
    FOREIGN KEY (institution_id, plan_id) REFERENCES plans (institution_id, id),
    FOREIGN KEY (institution_id, actor_id) REFERENCES people (institution_id, id)
);

-- Comments on a plan by the learner and the advisors; one level of threading (in_reply_to
-- names a top-level comment of the same plan).
CREATE TABLE plan_comments (
    institution_id  uuid NOT NULL,
    id              uuid NOT NULL,
    plan_id         uuid NOT NULL,
    author_id       uuid NOT NULL,
    body            text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 10000),
    in_reply_to     uuid,
    goal_id         uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, plan_id) REFERENCES plans (institution_id, id),
    FOREIGN KEY (institution_id, author_id) REFERENCES people (institution_id, id),
    FOREIGN KEY (institution_id, in_reply_to) REFERENCES plan_comments (institution_id, id),
    FOREIGN KEY (institution_id, goal_id) REFERENCES goals (institution_id, id)
);
CREATE INDEX plan_comments_plan ON plan_comments (institution_id, plan_id, created_at, id);

-- The institution's early-warning thresholds (the caseload's flags); defaults when no row.
CREATE TABLE early_warning_settings (
    institution_id          uuid PRIMARY KEY REFERENCES institutions (id),
    quiet_days              int NOT NULL DEFAULT 14 CHECK (quiet_days BETWEEN 1 AND 365),
    review_wait_days        int NOT NULL DEFAULT 7 CHECK (review_wait_days BETWEEN 1 AND 365),
    pacing_window_days      int NOT NULL DEFAULT 28 CHECK (pacing_window_days BETWEEN 1 AND 365),
    updated_by              uuid,
    updated_at              timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['classes', 'class_members', 'plan_templates', 'plans', 'goals', 'plan_history',
                             'plan_comments', 'early_warning_settings']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant ON %I USING (institution_id = pathfolio_current_institution()) '
                       'WITH CHECK (institution_id = pathfolio_current_institution())', t);
    END LOOP;
END
$$;

GRANT UPDATE (cohort) ON people TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON classes, class_members TO pathfolio_app;
GRANT SELECT, INSERT ON plan_templates, plan_history, plan_comments TO pathfolio_app;
GRANT SELECT, INSERT, UPDATE ON plans, goals, early_warning_settings TO pathfolio_app;
