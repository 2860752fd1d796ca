import PathfolioCore

/// A goal's members in a request body (`POST /v1/plans/{id}/goals`, the `goals` of a new
/// plan, and — each optional — `PATCH /v1/goals/{id}`): `statement`, `kind`,
/// `targetCompetencyIds`, `targetLevel` (points; absent or null = mastered), `dueDate`,
/// `milestones` (`[{dueDate, competencyIds}]`).
struct GoalDraft {
    var statement: String?
    var kind: GoalKind?
    var targets: [CompetencyID]?
    /// `.some(nil)` clears the level (PATCH with `null`).
    var targetLevel: Score??
    var dueDate: CalendarDate?
    var milestones: [Milestone]?

    static let members: Set<String> = ["statement", "kind", "targetCompetencyIds", "targetLevel", "dueDate", "milestones"]

    /// Reads the members; with `partial` each may be absent (a PATCH), else the goal's
    /// required ones must be there.
    init(_ input: RequestObject, partial: Bool) {
        let required = !partial
        statement = input.string("statement", required: required, maximumLength: 1000)
        kind = input.choice("kind", GoalKind.self, required: required)
        targets = input.array("targetCompetencyIds", count: 1...100, required: required) { element -> CompetencyID? in element.identifier() }
        if let targets, Set(targets).count != targets.count {
            input.log.add(input.member("targetCompetencyIds"), "A competency is listed twice.")
        }
        if input.isExplicitNull("targetLevel") {
            targetLevel = .some(nil)
        } else if let level = input.score("targetLevel", required: false) {
            targetLevel = .some(level)
        }
        dueDate = input.date("dueDate", required: required)
        milestones = input.array("milestones", count: 0...20, required: false) { element -> Milestone? in
            guard let object = element.object else { return nil }
            object.rejectUnknown(besides: ["dueDate", "competencyIds"])
            let day = object.date("dueDate")
            let competencies = object.array("competencyIds", count: 1...100) { element -> CompetencyID? in element.identifier() }
            guard let day, let competencies else { return nil }
            return Milestone(dueDate: day, competencies: competencies)
        }
    }

    /// Every competency the draft names (targets and milestones), to check they exist.
    var competencies: [CompetencyID] {
        (targets ?? []) + (milestones ?? []).flatMap(\.competencies)
    }

    /// The goal with these members over `base` (or a new goal when `base` is nil).
    func goal(id: GoalID, over base: Goal?, approval: Goal.Approval) throws(APIError) -> Goal {
        guard let due = dueDate ?? base?.dueDate else { throw .invalid("/dueDate", "Required.") }
        do {
            return try Goal(id: id, statement: statement ?? base?.statement ?? "", kind: kind ?? base?.kind ?? .academic,
                            targets: targets ?? base?.targets ?? [], targetLevel: targetLevel ?? base?.targetLevel,
                            dueDate: due, milestones: milestones ?? base?.milestones ?? [], approval: approval)
        } catch {
            throw Self.problem(error)
        }
    }

    static func problem(_ invalid: Goal.Invalid) -> APIError {
        switch invalid {
        case .emptyStatement: .invalid("/statement", "Must not be empty.")
        case .noTargets: .invalid("/targetCompetencyIds", "Name at least one target competency.")
        case .milestoneOutsideTargets(let ids):
            .unprocessable("A milestone names competencies the goal does not target.",
                           errors: [.init(pointer: "/milestones", detail: "Not targets of the goal: \(ids.map(\.description).joined(separator: ", ")).")])
        case .milestoneAfterDueDate(let day, let due):
            .unprocessable("A milestone falls after the goal's due date.",
                           errors: [.init(pointer: "/milestones", detail: "Milestone \(day) is after the due date \(due).")])
        }
    }
}
