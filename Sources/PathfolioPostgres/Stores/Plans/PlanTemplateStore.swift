public import Foundation
public import PathfolioCore

/// Plan templates, versioned (each update adds a version; plans remember theirs), and their
/// set-based instantiation, in the caller's transaction.
public struct PlanTemplateStore: Sendable {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    private static let columns = "id, version, title, description, competencies, goal_outlines, created_by, created_at"

    /// Adds `version` of `template`; false when that version exists already (someone else
    /// updated the template since the caller read version − 1: the ETag check).
    public static func insertion(_ template: PlanTemplate, version: Int, description: String,
                                 createdBy: PersonID) throws -> PostgresStatement<Bool> {
        let outlines = try PostgresJSON(encoding: template.goalOutlines)
        return PostgresStatement("""
            INSERT INTO plan_templates (institution_id, id, version, title, description, competencies, goal_outlines, created_by)
            VALUES (pathfolio_current_institution(), \(template.id), \(version), \(template.title), \(description),
                    \(template.competencies), \(outlines), \(createdBy))
            ON CONFLICT DO NOTHING
            """) { rows in rows.affectedRows == 1 }
    }

    /// The current (highest) version of template `id`.
    public static func current(_ id: PlanTemplateID) -> PostgresStatement<StoredPlanTemplate?> {
        PostgresStatement("""
            SELECT \(unescaped: columns) FROM plan_templates WHERE id = \(id) ORDER BY version DESC LIMIT 1
            """) { rows in try rows.first.map(template(from:)) }
    }

    /// Every version of template `id`, newest first.
    public func versions(of id: PlanTemplateID) async throws -> [StoredPlanTemplate] {
        try await connection.query("""
            SELECT \(unescaped: Self.columns) FROM plan_templates WHERE id = \(id) ORDER BY version DESC
            """).map(Self.template(from:))
    }

    /// Current versions of the institution's templates in id order, after `after`.
    public func templates(after: PlanTemplateID?, limit: Int) async throws -> [StoredPlanTemplate] {
        try await connection.query("""
            SELECT DISTINCT ON (id) \(unescaped: Self.columns) FROM plan_templates
            WHERE (\(after)::uuid IS NULL OR id > \(after))
            ORDER BY id, version DESC LIMIT \(limit)
            """).map(Self.template(from:))
    }

    private static func template(from row: PostgresRow) throws -> StoredPlanTemplate {
        let outlines = try row.decode(PostgresJSON.self, named: "goal_outlines").decode([PlanTemplate.GoalOutline].self)
        return StoredPlanTemplate(
            template: PlanTemplate(id: try row.decode(PlanTemplateID.self, named: "id"),
                                   title: try row.decode(String.self, named: "title"),
                                   competencies: try row.decode([CompetencyID].self, named: "competencies"),
                                   goalOutlines: outlines),
            version: try row.decode(Int.self, named: "version"), description: try row.decode(String.self, named: "description"),
            createdBy: try row.decode(PersonID.self, named: "created_by"), createdAt: try row.decode(Date.self, named: "created_at"))
    }

    /// Draft plans of `template` for `learners`, in one statement: each learner's plan (id made
    /// by the database), its goals from the outlines (dates from `startDate`, approved by
    /// `actor`), its creation history entry and audit row. A learner who already has a plan
    /// from this template is skipped, as is one without an advisor. Advisors: `advisor` when
    /// given (an advisor instantiating for their caseload), else the learner's advisors.
    public static func instantiation(_ template: StoredPlanTemplate, for learners: [PersonID], startDate: CalendarDate,
                                     targetDate: CalendarDate, advisor: PersonID?,
                                     actor: PersonID) -> PostgresStatement<[PlanInstantiationOutcome]> {
        let id = template.template.id
        return PostgresStatement("""
            WITH t AS (
                SELECT * FROM plan_templates WHERE id = \(id) AND version = \(template.version)),
            candidate AS (
                SELECT l.learner_id, l.ord,
                       CASE WHEN \(advisor)::uuid IS NOT NULL THEN ARRAY[\(advisor)::uuid]
                            ELSE array(SELECT a.advisor_id FROM advising a WHERE a.learner_id = l.learner_id
                                       ORDER BY a.assigned_at, a.advisor_id) END AS advisors
                FROM unnest(\(learners)::uuid[]) WITH ORDINALITY AS l(learner_id, ord)),
            plan AS (
                INSERT INTO plans (institution_id, id, learner_id, advisor_ids, title, start_date, target_date,
                                   template_id, template_version, created_by)
                SELECT t.institution_id, gen_random_uuid(), c.learner_id, c.advisors, t.title, \(startDate), \(targetDate),
                       t.id, t.version, \(actor)
                FROM candidate c, t WHERE cardinality(c.advisors) > 0
                ON CONFLICT (institution_id, learner_id, template_id) WHERE template_id IS NOT NULL DO NOTHING
                RETURNING institution_id, id, learner_id, advisor_ids),
            goal AS (
                INSERT INTO goals (institution_id, id, plan_id, position, statement, kind, targets, target_level, due_date,
                                   milestones, proposed_by, approved_by)
                SELECT p.institution_id, gen_random_uuid(), p.id, o.ord - 1, o.outline->>'statement', o.outline->>'kind',
                       array(SELECT jsonb_array_elements_text(o.outline->'targets'))::uuid[],
                       (o.outline->>'targetLevel')::numeric, \(startDate)::date + (o.outline->>'dueAfterDays')::int,
                       (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                   'dueDate', to_char(\(startDate)::date + (m->>'afterDays')::int, 'YYYY-MM-DD'),
                                   'competencyIds', m->'competencies') ORDER BY (m->>'afterDays')::int), '[]')
                        FROM jsonb_array_elements(o.outline->'milestones') AS m),
                       \(actor), \(actor)
                FROM plan p, t, jsonb_array_elements(t.goal_outlines) WITH ORDINALITY AS o(outline, ord)),
            history AS (
                INSERT INTO plan_history (institution_id, plan_id, version, actor_id, action, changes)
                SELECT p.institution_id, p.id, 1, \(actor), 'plan.create',
                       jsonb_build_array(jsonb_build_object('op', 'add', 'path', '', 'value', jsonb_build_object(
                           'templateId', t.id, 'templateVersion', t.version, 'title', t.title,
                           'startDate', \(startDate)::date, 'targetDate', \(targetDate)::date, 'advisorIds', p.advisor_ids,
                           'goalCount', jsonb_array_length(t.goal_outlines))))
                FROM plan p, t),
            audit AS (
                INSERT INTO audit_log (institution_id, actor_id, action, target_type, target_id, details)
                SELECT p.institution_id, \(actor), 'plan.create', 'plan', p.id,
                       jsonb_build_object('templateId', t.id, 'templateVersion', t.version)
                FROM plan p, t)
            SELECT c.learner_id, p.id, cardinality(c.advisors) = 0
            FROM candidate c LEFT JOIN plan p ON p.learner_id = c.learner_id
            ORDER BY c.ord
            """) { rows in
            try rows.map { row in
                let learner = try row.decode(PersonID.self, at: 0)
                let plan = try row.decode(PlanID?.self, at: 1)
                let result: PlanInstantiationOutcome.Result =
                    plan != nil ? .created : try row.decode(Bool.self, at: 2) ? .noAdvisor : .alreadyPlanned
                return PlanInstantiationOutcome(learnerID: learner, planID: plan, result: result)
            }
        }
    }

    /// The learners among `candidates` (people of the institution holding the learner role),
    /// in the order given, without repeats.
    public static func learners(among candidates: [PersonID]) -> PostgresStatement<[PersonID]> {
        PostgresStatement("""
            SELECT c.id FROM unnest(\(candidates)::uuid[]) WITH ORDINALITY AS c(id, ord)
            WHERE EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = c.id AND r.role = 'learner')
            GROUP BY c.id ORDER BY min(c.ord)
            """) { rows in try rows.map { try $0.decode(PersonID.self, at: 0) } }
    }

    /// The learners of cohort `name`, in id order.
    public static func learners(ofCohort name: String) -> PostgresStatement<[PersonID]> {
        PostgresStatement("""
            SELECT p.id FROM people p
            WHERE p.cohort = \(name) AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = 'learner')
            ORDER BY p.id
            """) { rows in try rows.map { try $0.decode(PersonID.self, at: 0) } }
    }
}
