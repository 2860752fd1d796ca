import Foundation
public import PathfolioCore

/// The caseload query: every advisee of one advisor with their open plan and evidence summary,
/// in one statement (lateral joins, each an index range scan per advisee: `advising` by its
/// key, `plans_learner_open`, `evidence_learner_waiting`, `evidence_learner`).
public enum CaseloadStore {
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
            LEFT JOIN LATERAL (
                SELECT x.id, x.status, x.start_date FROM plans x
                WHERE x.institution_id = a.institution_id AND x.learner_id = a.learner_id AND x.status <> 'archived'
                ORDER BY x.created_at DESC, x.id DESC LIMIT 1) pl ON true
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

    /// The goals of `plans`, by plan in position order, read as ``PlanRecordStore`` reads them;
    /// a statement to send with others (with ``directStates(of:)``: what judging the goals needs).
    public static func goals(ofPlans plans: [PlanID]) -> PostgresStatement<[PlanID: [Goal]]> {
        PostgresStatement("""
            SELECT g.plan_id, \(unescaped: PlanRecordStore.goalColumns)
            FROM goals g
            WHERE g.institution_id = pathfolio_current_institution() AND g.plan_id = ANY (\(plans)::uuid[])
            ORDER BY g.plan_id, g.position
            """) { rows in
            var goals: [PlanID: [Goal]] = [:]
            for row in rows {
                guard let (goal, _) = try PlanRecordStore.goal(from: row) else { continue }
                goals[try row.decode(PlanID.self, named: "plan_id"), default: []].append(goal)
            }
            return goals
        }
    }

    /// The stored direct mastery states of `learners`, by learner.
    public static func directStates(of learners: [PersonID]) -> PostgresStatement<[PersonID: [CompetencyID: MasteryState]]> {
        PostgresStatement("""
            SELECT s.learner_id, s.competency_id, \(unescaped: MasteryState.storedColumns)
            FROM mastery_states s
            WHERE s.institution_id = pathfolio_current_institution() AND s.learner_id = ANY (\(learners)::uuid[])
              AND s.source = 'direct'
            """) { rows in
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
