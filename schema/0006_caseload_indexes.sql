-- Indexes the caseload query (GET /v1/advisors/{advisorId}/caseload) needs: per advisee, the
-- evidence waiting for review (count and oldest) and the latest non-archived plan, each found
-- by an index range scan instead of reading the learner's whole history.

CREATE INDEX evidence_learner_waiting ON evidence (institution_id, learner_id, submitted_at)
    WHERE status IN ('submitted', 'in_review');

CREATE INDEX plans_learner_open ON plans (institution_id, learner_id, created_at DESC, id DESC)
    WHERE status <> 'archived';
