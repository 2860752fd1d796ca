public import Foundation
public import PathfolioCore

/// Plans, their goals, history and comments, in the caller's transaction (SPEC §1.5).
///
/// A plan is read with its goals in one statement and written back as a whole: the plan row
/// only while its version is still the one read (the ETag check), and the goals that changed.
public struct PlanRecordStore: Sendable {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    // MARK: Reading

    private static let planColumns = """
        p.id AS plan_id, p.institution_id, p.learner_id, p.advisor_ids, p.title, p.start_date, p.target_date, p.status, p.template_id,
        p.template_version, p.strengths, p.challenges, p.interests, p.aspirations, p.version AS plan_version,
        p.created_by, p.created_at, p.updated_at AS plan_updated_at
        """

    /// The goal columns ``goal(from:)`` reads (goals aliased `g`).
    public static let goalColumns = """
        g.id AS goal_id, g.statement, g.kind, g.targets, g.target_level, g.due_date, g.milestones, g.proposed_by,
        g.approved_by, g.dropped_by, g.drop_reason, g.version AS goal_version, g.updated_at AS goal_updated_at
        """

    /// One plan with its goals; `forUpdate` locks the plan row until the transaction ends.
    public static func record(_ id: PlanID, forUpdate: Bool = false) -> PostgresStatement<PlanRecord?> {
        PostgresStatement("""
            SELECT \(unescaped: planColumns), \(unescaped: goalColumns)
            FROM plans p LEFT JOIN goals g ON g.institution_id = p.institution_id AND g.plan_id = p.id
            WHERE p.id = \(id) ORDER BY g.position \(unescaped: forUpdate ? "FOR UPDATE OF p" : "")
            """) { rows in try records(from: rows).first }
    }

    /// The plan holding goal `goal`, with all its goals; `forUpdate` locks the plan row.
    public static func record(holding goal: GoalID, forUpdate: Bool = false) -> PostgresStatement<PlanRecord?> {
        PostgresStatement("""
            SELECT \(unescaped: planColumns), \(unescaped: goalColumns)
            FROM plans p LEFT JOIN goals g ON g.institution_id = p.institution_id AND g.plan_id = p.id
            WHERE p.id = (SELECT plan_id FROM goals WHERE id = \(goal))
            ORDER BY g.position \(unescaped: forUpdate ? "FOR UPDATE OF p" : "")
            """) { rows in try records(from: rows).first }
    }

    /// A learner's plans, newest first, after the keyset position (`createdAt`, `id`).
    public static func records(of learner: PersonID, after: (Date, PlanID)?, limit: Int) -> PostgresStatement<[PlanRecord]> {
        PostgresStatement("""
            SELECT \(unescaped: planColumns), \(unescaped: goalColumns)
            FROM (SELECT * FROM plans
                  WHERE learner_id = \(learner)
                    AND (\(after?.0)::timestamptz IS NULL OR (created_at, id) < (\(after?.0), \(after?.1)))
                  ORDER BY created_at DESC, id DESC LIMIT \(limit)) p
            LEFT JOIN goals g ON g.institution_id = p.institution_id AND g.plan_id = p.id
            ORDER BY p.created_at DESC, p.id DESC, g.position
            """) { rows in try records(from: rows) }
    }

    /// The plans of these learners that are still open (draft, in review, active), with their
    /// goals: what pacing, readiness and the caseload judge.
    public static func openRecords(of learners: [PersonID]) -> PostgresStatement<[PlanRecord]> {
        records(of: learners, in: [.draft, .inReview, .active])
    }

    /// The plans of these learners in one of `statuses`, with their goals, by learner then newest first.
    public static func records(of learners: [PersonID], in statuses: [PlanStatus]) -> PostgresStatement<[PlanRecord]> {
        PostgresStatement("""
            SELECT \(unescaped: planColumns), \(unescaped: goalColumns)
            FROM plans p LEFT JOIN goals g ON g.institution_id = p.institution_id AND g.plan_id = p.id
            WHERE p.learner_id = ANY (\(learners)::uuid[]) AND p.status = ANY (\(statuses.map(\.rawValue))::text[])
            ORDER BY p.learner_id, p.created_at DESC, p.id DESC, g.position
            """) { rows in try records(from: rows) }
    }

    /// Groups joined plan ⟕ goal rows (ordered by plan, then goal position) into records.
    private static func records(from rows: PostgresRows) throws -> [PlanRecord] {
        var records: [PlanRecord] = []
        var current: (id: PlanID, row: PostgresRow, goals: [Goal], stamps: [GoalID: GoalStamp])?
        for row in rows {
            let planID = try row.decode(PlanID.self, named: "plan_id")
            if current?.id != planID {
                if let done = current { records.append(try record(done.row, goals: done.goals, stamps: done.stamps)) }
                current = (planID, row, [], [:])
            }
            if let (goal, stamp) = try goal(from: row) {
                current?.goals.append(goal)
                current?.stamps[goal.id] = stamp
            }
        }
        if let done = current { records.append(try record(done.row, goals: done.goals, stamps: done.stamps)) }
        return records
    }

    private static func record(_ row: PostgresRow, goals: [Goal], stamps: [GoalID: GoalStamp]) throws -> PlanRecord {
        let status = try row.decode(String.self, named: "status")
        let plan = Plan(
            storedID: try row.decode(PlanID.self, named: "plan_id"), institutionID: try row.decode(InstitutionID.self, named: "institution_id"),
            learnerID: try row.decode(PersonID.self, named: "learner_id"),
            advisorIDs: try row.decode([PersonID].self, named: "advisor_ids"),
            title: try row.decode(String.self, named: "title"),
            startDate: try row.decode(CalendarDate.self, named: "start_date"),
            targetDate: try row.decode(CalendarDate.self, named: "target_date"),
            status: PlanStatus(rawValue: status) ?? .draft,
            templateID: try row.decode(PlanTemplateID?.self, named: "template_id"), goals: goals,
            profile: LearnerProfile(strengths: try row.decode(String.self, named: "strengths"),
                                    challenges: try row.decode(String.self, named: "challenges"),
                                    interests: try row.decode(String.self, named: "interests"),
                                    aspirations: try row.decode(String.self, named: "aspirations")),
            version: try row.decode(Int.self, named: "plan_version"))
        return PlanRecord(plan: plan, templateVersion: try row.decode(Int?.self, named: "template_version"),
                          createdBy: try row.decode(PersonID.self, named: "created_by"),
                          createdAt: try row.decode(Date.self, named: "created_at"),
                          updatedAt: try row.decode(Date.self, named: "plan_updated_at"), goalStamps: stamps)
    }

    /// The goal of a row holding ``goalColumns`` (nil when the row has none: a plan without goals).
    public static func goal(from row: PostgresRow) throws -> (Goal, GoalStamp)? {
        guard let id = try row.decode(GoalID?.self, named: "goal_id") else { return nil }
        let proposedBy = try row.decode(PersonID.self, named: "proposed_by")
        let approvedBy = try row.decode(PersonID?.self, named: "approved_by")
        let dropReason = try row.decode(String?.self, named: "drop_reason")
        let milestones = try row.decode(PostgresJSON.self, named: "milestones").decode([GoalRow.MilestoneRow].self)
        let goal = try Goal(
            id: id, statement: try row.decode(String.self, named: "statement"),
            kind: GoalKind(rawValue: try row.decode(String.self, named: "kind")) ?? .academic,
            targets: try row.decode([CompetencyID].self, named: "targets"),
            targetLevel: try row.decode(Score?.self, named: "target_level"),
            dueDate: try row.decode(CalendarDate.self, named: "due_date"),
            milestones: milestones.map { Milestone(dueDate: $0.dueDate, competencies: $0.competencyIds) },
            approval: approvedBy.map { .approved(by: $0) } ?? .proposed(by: proposedBy),
            isDropped: dropReason != nil, dropReason: dropReason)
        return (goal, GoalStamp(version: try row.decode(Int.self, named: "goal_version"), proposedBy: proposedBy,
                                droppedBy: try row.decode(PersonID?.self, named: "dropped_by"),
                                updatedAt: try row.decode(Date.self, named: "goal_updated_at")))
    }

    // MARK: Writing

    /// Inserts a new plan with its goals (all proposed by `createdBy` unless a goal's approval
    /// names its proposer).
    public static func insertion(_ plan: Plan, templateVersion: Int?, createdBy: PersonID) throws -> PostgresStatement<Void> {
        let goals = try PostgresJSON(encoding: plan.goals.enumerated().map { index, goal in
            GoalRow(goal, position: index, proposedBy: proposer(of: goal, default: createdBy), droppedBy: nil)
        })
        return PostgresStatement("""
            WITH p AS (
                INSERT INTO plans (institution_id, id, learner_id, advisor_ids, title, start_date, target_date, status,
                                   template_id, template_version, strengths, challenges, interests, aspirations, version,
                                   created_by)
                VALUES (pathfolio_current_institution(), \(plan.id), \(plan.learnerID), \(plan.advisorIDs), \(plan.title),
                        \(plan.startDate), \(plan.targetDate), \(plan.status.rawValue), \(plan.templateID), \(templateVersion),
                        \(plan.profile.strengths), \(plan.profile.challenges), \(plan.profile.interests),
                        \(plan.profile.aspirations), \(plan.version), \(createdBy))
                RETURNING institution_id, id)
            INSERT INTO goals (institution_id, id, plan_id, position, statement, kind, targets, target_level, due_date,
                               milestones, proposed_by, approved_by, dropped_by, drop_reason)
            SELECT p.institution_id, g.id, p.id, g.position, g.statement, g.kind, g.targets, g.target_level, g.due_date,
                   g.milestones, g.proposed_by, g.approved_by, g.dropped_by, g.drop_reason
            FROM p, jsonb_to_recordset(\(goals)) AS \(unescaped: GoalRow.recordType)
            """)
    }

    /// Writes `record`'s plan row as its new version, only while the stored version is still
    /// `expectedVersion`; the result says whether it was (false: someone else changed it first).
    public static func update(_ plan: Plan, expectedVersion: Int) -> PostgresStatement<Bool> {
        PostgresStatement("""
            UPDATE plans SET advisor_ids = \(plan.advisorIDs), title = \(plan.title), start_date = \(plan.startDate),
                   target_date = \(plan.targetDate), status = \(plan.status.rawValue), strengths = \(plan.profile.strengths),
                   challenges = \(plan.profile.challenges), interests = \(plan.profile.interests),
                   aspirations = \(plan.profile.aspirations), version = \(plan.version), updated_at = now()
            WHERE id = \(plan.id) AND version = \(expectedVersion)
            """) { rows in rows.affectedRows == 1 }
    }

    /// Writes goals of `plan` that are new or changed (by id), bumping each changed goal's version.
    public static func goalsWrite(_ goals: [Goal], of plan: Plan, stamps: [GoalID: GoalStamp], actor: PersonID) throws -> PostgresStatement<Void> {
        let rows = try PostgresJSON(encoding: goals.map { goal in
            GoalRow(goal, position: plan.goals.firstIndex { $0.id == goal.id } ?? plan.goals.count,
                    proposedBy: stamps[goal.id]?.proposedBy ?? proposer(of: goal, default: actor),
                    droppedBy: stamps[goal.id]?.droppedBy ?? actor)
        })
        return PostgresStatement("""
            INSERT INTO goals AS o (institution_id, id, plan_id, position, statement, kind, targets, target_level, due_date,
                                    milestones, proposed_by, approved_by, dropped_by, drop_reason)
            SELECT pathfolio_current_institution(), g.id, \(plan.id), g.position, g.statement, g.kind, g.targets,
                   g.target_level, g.due_date, g.milestones, g.proposed_by, g.approved_by, g.dropped_by, g.drop_reason
            FROM jsonb_to_recordset(\(rows)) AS \(unescaped: GoalRow.recordType)
            ON CONFLICT (institution_id, id) DO UPDATE SET
                statement = excluded.statement, kind = excluded.kind, targets = excluded.targets,
                target_level = excluded.target_level, due_date = excluded.due_date, milestones = excluded.milestones,
                approved_by = excluded.approved_by, dropped_by = excluded.dropped_by, drop_reason = excluded.drop_reason,
                version = o.version + 1, updated_at = now()
            """)
    }

    private static func proposer(of goal: Goal, default person: PersonID) -> PersonID {
        if case .proposed(let by) = goal.approval { return by }
        return person
    }

    /// Appends a history entry.
    public static func historyEntry(plan: PlanID, version: Int, actor: PersonID, action: String,
                                    changes: PostgresJSON) -> PostgresStatement<Void> {
        PostgresStatement("""
            INSERT INTO plan_history (institution_id, plan_id, version, actor_id, action, changes)
            VALUES (pathfolio_current_institution(), \(plan), \(version), \(actor), \(action), \(changes))
            """)
    }

    /// A plan's history, oldest first, after `sequence`.
    public func history(of plan: PlanID, after sequence: Int64?, limit: Int) async throws -> [PlanHistoryRecord] {
        try await connection.query("""
            SELECT sequence, version, actor_id, recorded_at, action, changes FROM plan_history
            WHERE plan_id = \(plan) AND (\(sequence)::bigint IS NULL OR sequence > \(sequence))
            ORDER BY sequence LIMIT \(limit)
            """).map { row in
            PlanHistoryRecord(sequence: try row.decode(Int64.self, at: 0), version: try row.decode(Int.self, at: 1),
                              actorID: try row.decode(PersonID.self, at: 2), recordedAt: try row.decode(Date.self, at: 3),
                              action: try row.decode(String.self, at: 4), changes: try row.decode(PostgresJSON.self, at: 5))
        }
    }

    /// Which of `advisors` advise `learner` (the `advising` table).
    public static func advisors(of learner: PersonID, among advisors: [PersonID]) -> PostgresStatement<Set<PersonID>> {
        PostgresStatement("""
            SELECT advisor_id FROM advising WHERE learner_id = \(learner) AND advisor_id = ANY (\(advisors)::uuid[])
            """) { rows in Set(try rows.map { try $0.decode(PersonID.self, at: 0) }) }
    }

    // MARK: Comments

    /// Adds a comment; it is stamped with the transaction's start.
    public static func commentInsertion(_ comment: PlanComment) -> PostgresStatement<Void> {
        PostgresStatement("""
            INSERT INTO plan_comments (institution_id, id, plan_id, author_id, body, in_reply_to, goal_id)
            VALUES (pathfolio_current_institution(), \(comment.id), \(comment.planID), \(comment.authorID), \(comment.body),
                    \(comment.inReplyTo), \(comment.goalID))
            """)
    }

    /// One comment of `plan`.
    public static func comment(_ id: UUID, of plan: PlanID) -> PostgresStatement<PlanComment?> {
        PostgresStatement("""
            SELECT id, plan_id, author_id, body, in_reply_to, goal_id, created_at FROM plan_comments
            WHERE id = \(id) AND plan_id = \(plan)
            """) { rows in try rows.first.map(comment(from:)) }
    }

    /// A plan's comments, oldest first, after the keyset position (`createdAt`, `id`).
    public func comments(of plan: PlanID, after: (Date, UUID)?, limit: Int) async throws -> [PlanComment] {
        try await connection.query("""
            SELECT id, plan_id, author_id, body, in_reply_to, goal_id, created_at FROM plan_comments
            WHERE plan_id = \(plan) AND (\(after?.0)::timestamptz IS NULL OR (created_at, id) > (\(after?.0), \(after?.1)))
            ORDER BY created_at, id LIMIT \(limit)
            """).map(Self.comment(from:))
    }

    private static func comment(from row: PostgresRow) throws -> PlanComment {
        PlanComment(id: try row.decode(UUID.self, at: 0), planID: try row.decode(PlanID.self, at: 1),
                    authorID: try row.decode(PersonID.self, at: 2), body: try row.decode(String.self, at: 3),
                    inReplyTo: try row.decode(UUID?.self, at: 4), goalID: try row.decode(GoalID?.self, at: 5),
                    createdAt: try row.decode(Date.self, at: 6))
    }
}
