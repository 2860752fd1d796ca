import PathfolioCore

/// A goal as the `goals` table holds it, in the JSON shape `jsonb_to_recordset` reads when
/// goals are written in bulk; milestones as the `milestones` column stores them.
struct GoalRow: Encodable {
    struct MilestoneRow: Codable {
        let dueDate: CalendarDate
        let competencyIds: [CompetencyID]
    }

    let id: GoalID
    let position: Int
    let statement: String
    let kind: String
    let targets: [CompetencyID]
    let target_level: Score?
    let due_date: CalendarDate
    let milestones: [MilestoneRow]
    let proposed_by: PersonID
    let approved_by: PersonID?
    let dropped_by: PersonID?
    let drop_reason: String?

    /// The row of `goal` at `position`; a proposal's proposer is its approval's person, an
    /// approved goal's is `proposedBy` (kept from when it was proposed).
    init(_ goal: Goal, position: Int, proposedBy: PersonID, droppedBy: PersonID?) {
        id = goal.id
        self.position = position
        statement = goal.statement
        kind = goal.kind.rawValue
        targets = goal.targets
        target_level = goal.targetLevel
        due_date = goal.dueDate
        milestones = goal.milestones.map { MilestoneRow(dueDate: $0.dueDate, competencyIds: $0.competencies) }
        self.proposed_by = proposedBy
        if case .approved(let advisor) = goal.approval { approved_by = advisor } else { approved_by = nil }
        dropped_by = goal.isDropped ? droppedBy : nil
        drop_reason = goal.isDropped ? goal.dropReason : nil
    }

    /// The record type of `jsonb_to_recordset` for these rows.
    static let recordType = """
        g(id uuid, position int, statement text, kind text, targets uuid[], target_level numeric, due_date date,
          milestones jsonb, proposed_by uuid, approved_by uuid, dropped_by uuid, drop_reason text)
        """
}
