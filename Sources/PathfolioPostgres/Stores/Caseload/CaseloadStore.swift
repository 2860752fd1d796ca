import Foundation
public import PathfolioCore

/// The caseload's statements: every advisee of one advisor with their open plan and evidence
/// summary, in one statement (lateral joins, each an index range scan per advisee: `advising`
/// by its key, `plans_learner_open`, `evidence_learner_waiting`, `evidence_learner`); and what
/// judging their goals needs — the goals of their open plans and their direct mastery states —
/// for a few advisees or for all of an advisor's.
public enum CaseloadStore {
    /// Whose goals and states to read.
    public enum Scope: Sendable {
        /// The advisees of this advisor.
        case advisees(of: PersonID)
        /// These learners (their open plans are `plans`).
        case learners([PersonID], plans: [PlanID])
    }

    /// The latest plan that is not archived of the advising row `a` (lateral subquery `pl`).
    private static let latestPlan = """
        LEFT JOIN LATERAL (
            SELECT x.id, x.status, x.start_date FROM plans x
            WHERE x.institution_id = a.institution_id AND x.learner_id = a.learner_id AND x.status <> 'archived'
            ORDER BY x.created_at DESC, x.id DESC LIMIT 1) pl ON true
        """

    /// The advisees of `advisor`, optionally only those whose open plan has `planStatus`
    /// (`.some(nil)`: only those without an open plan), as a statement to send with others.
    public static func advisees(of advisor: PersonID, planStatus: PlanStatus?? = nil) -> PostgresStatement<[Advisee]> {
        let filtered = planStatus != nil
        let status = planStatus.flatMap { $0?.rawValue }
        return PostgresStatement("""
            SELECT a.learner_id, p.given_name, p.family_name, a.assigned_at,
                   pl.id AS plan_id, pl.status AS plan_status, pl.start_date,
                   w.waiting, w.oldest_waiting, latest.submitted_at AS last_submitted
            FROM advising a
            JOIN people p ON p.institution_id = a.institution_id AND p.id = a.learner_id
            \(unescaped: latestPlan)
            LEFT JOIN LATERAL (
                SELECT count(*) AS waiting, min(e.submitted_at) AS oldest_waiting FROM evidence e
                WHERE e.institution_id = a.institution_id AND e.learner_id = a.learner_id
                  AND e.status IN ('submitted', 'in_review')) w ON true
            LEFT JOIN LATERAL (
                SELECT e.submitted_at FROM evidence e
                WHERE e.institution_id = a.institution_id AND e.learner_id = a.learner_id
                ORDER BY e.submitted_at DESC LIMIT 1) latest ON true
            WHERE a.institution_id = pathfolio_current_institution() AND a.advisor_id = \(advisor)
              AND (NOT \(filtered) OR pl.status IS NOT DISTINCT FROM \(status)::text)
            ORDER BY a.learner_id
            """) { rows in
            try rows.map { row in
                let planID = try row.decode(PlanID?.self, named: "plan_id")
                let plan = try planID.map { id in
                    Advisee.OpenPlan(id: id,
                                     status: PlanStatus(rawValue: try row.decode(String.self, named: "plan_status")) ?? .draft,
                                     startDate: try row.decode(CalendarDate.self, named: "start_date"))
                }
                return Advisee(
                    learnerID: try row.decode(PersonID.self, named: "learner_id"),
                    givenName: try row.decode(String.self, named: "given_name"),
                    familyName: try row.decode(String.self, named: "family_name"),
                    advisedSince: try row.decode(Date.self, named: "assigned_at"), plan: plan,
                    activity: EarlyWarning.EvidenceActivity(
                        waitingCount: try row.decode(Int.self, named: "waiting"),
                        oldestWaitingSubmittedAt: try row.decode(Date?.self, named: "oldest_waiting"),
                        lastSubmittedAt: try row.decode(Date?.self, named: "last_submitted")))
            }
        }
    }

    /// Whether `person` holds the advisor role (only advisors have a caseload).
    public static func isAdvisor(_ person: PersonID) -> PostgresStatement<Bool> {
        PostgresStatement("""
            SELECT EXISTS (SELECT 1 FROM person_roles WHERE person_id = \(person) AND role = 'advisor')
            """) { rows in try rows[0].decode(Bool.self, at: 0) }
    }

    /// The goals of the open plans in `scope` (for `.advisees`: of each advisee's latest plan
    /// that is not archived, when it is in draft, in review or active), by plan in position order,
    /// read as ``PlanRecordStore`` reads them; a statement to send with others.
    public static func goals(_ scope: Scope) -> PostgresStatement<[PlanID: [Goal]]> {
        let query: PostgresQuery = switch scope {
        case .advisees(let advisor):
            """
            SELECT g.plan_id, \(unescaped: PlanRecordStore.goalColumns)
            FROM advising a
            \(unescaped: latestPlan)
            JOIN goals g ON g.institution_id = a.institution_id AND g.plan_id = pl.id
            WHERE a.institution_id = pathfolio_current_institution() AND a.advisor_id = \(advisor)
              AND pl.status IN ('draft', 'in_review', 'active')
            ORDER BY g.plan_id, g.position
            """
        case .learners(_, let plans):
            """
            SELECT g.plan_id, \(unescaped: PlanRecordStore.goalColumns)
            FROM goals g
            WHERE g.institution_id = pathfolio_current_institution() AND g.plan_id = ANY (\(plans)::uuid[])
            ORDER BY g.plan_id, g.position
            """
        }
        return PostgresStatement(query) { rows in
            var goals: [PlanID: [Goal]] = [:]
            for row in rows {
                guard let (goal, _) = try PlanRecordStore.goal(from: row) else { continue }
                goals[try row.decode(PlanID.self, named: "plan_id"), default: []].append(goal)
            }
            return goals
        }
    }

    /// After `open_plan (learner_id, plan_id)`: each learner's goal targets and everything under
    /// them in the hierarchy (`isChildOf` walked down once per distinct target), then that
    /// learner's direct states of those competencies — one index range scan per learner
    /// (`OFFSET 0` keeps the planner from turning it into a scan of the whole projection).
    private static let targetStates = """
        target (learner_id, competency_id) AS (
            SELECT DISTINCT op.learner_id, t.competency_id
            FROM open_plan op
            JOIN goals g ON g.institution_id = pathfolio_current_institution() AND g.plan_id = op.plan_id
            CROSS JOIN LATERAL unnest(g.targets) AS t (competency_id)),
        subtree (root, competency_id) AS (
            SELECT DISTINCT competency_id, competency_id FROM target
            UNION
            SELECT st.root, c.origin_id
            FROM subtree st
            JOIN competency_associations c
              ON c.institution_id = pathfolio_current_institution() AND c.destination_id = st.competency_id
             AND c.association_type = 'isChildOf' AND c.retired_at IS NULL),
        wanted (learner_id, ids) AS (
            SELECT t.learner_id, array_agg(DISTINCT st.competency_id)
            FROM target t JOIN subtree st ON st.root = t.competency_id
            GROUP BY t.learner_id)
        SELECT s.learner_id, s.competency_id, \(MasteryState.storedColumns)
        FROM wanted w
        CROSS JOIN LATERAL (
            SELECT * FROM mastery_states m
            WHERE m.institution_id = pathfolio_current_institution() AND m.learner_id = w.learner_id
              AND m.competency_id = ANY (w.ids) AND m.source = 'direct'
            OFFSET 0) s
        """

    /// The stored direct mastery states that judging the goals of the open plans in `scope`
    /// needs, by learner: for each learner, those of their goals' targets and of everything under
    /// them in the hierarchy (what the targets roll up from), found by walking `isChildOf` down
    /// from the targets, then read by key — not the learner's whole projection; a statement to
    /// send with others.
    public static func directStates(_ scope: Scope) -> PostgresStatement<[PersonID: [CompetencyID: MasteryState]]> {
        let query: PostgresQuery = switch scope {
        case .advisees(let advisor):
            """
            WITH RECURSIVE open_plan AS (
                SELECT a.learner_id, pl.id AS plan_id FROM advising a
                \(unescaped: latestPlan)
                WHERE a.institution_id = pathfolio_current_institution() AND a.advisor_id = \(advisor)
                  AND pl.status IN ('draft', 'in_review', 'active')),
            \(unescaped: targetStates)
            """
        case .learners(let learners, let plans):
            """
            WITH RECURSIVE open_plan AS (
                SELECT x.learner_id, x.id AS plan_id FROM plans x
                WHERE x.institution_id = pathfolio_current_institution() AND x.id = ANY (\(plans)::uuid[])
                  AND x.learner_id = ANY (\(learners)::uuid[])),
            \(unescaped: targetStates)
            """
        }
        return PostgresStatement(query) { rows in
            var states: [PersonID: [CompetencyID: MasteryState]] = [:]
            for row in rows {
                let learner = try row.decode(PersonID.self, at: 0)
                let competency = try row.decode(CompetencyID.self, at: 1)
                states[learner, default: [:]][competency] = try MasteryState(learner: learner, competency: competency, row: row, from: 2)
            }
            return states
        }
    }
}
