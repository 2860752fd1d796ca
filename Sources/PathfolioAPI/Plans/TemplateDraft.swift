import PathfolioCore

/// The body of `POST /v1/plan-templates` and `PUT /v1/plan-templates/{id}`: `title`,
/// `description`, `competencyIds` (what the template covers) and `goals`, each an outline
/// whose dates are days after a plan's start (`dueAfterDays`, `milestones[].afterDays`).
struct TemplateDraft {
    let title: String
    let description: String
    let competencies: [CompetencyID]
    let outlines: [PlanTemplate.GoalOutline]

    init(_ input: RequestObject) throws(APIError) {
        input.rejectUnknown(besides: ["title", "description", "competencyIds", "goals"])
        let title = input.string("title")
        let description = input.string("description", required: false, maximumLength: 10_000, allowEmpty: true) ?? ""
        let competencies = input.array("competencyIds", count: 0...500, required: false) { element -> CompetencyID? in element.identifier() } ?? []
        // Well-formed outlines that break a goal rule: 422 once the form is right.
        var refused: [ProblemDetails.FieldError] = []
        let outlines = input.array("goals", count: 0...50) { element -> PlanTemplate.GoalOutline? in
            guard let object = element.object else { return nil }
            object.rejectUnknown(besides: ["statement", "kind", "targetCompetencyIds", "targetLevel", "dueAfterDays", "milestones"])
            let statement = object.string("statement", maximumLength: 1000)
            let kind = object.choice("kind", GoalKind.self)
            let targets = object.array("targetCompetencyIds", count: 1...100) { element -> CompetencyID? in element.identifier() }
            let level = object.score("targetLevel", required: false)
            let due = object.integer("dueAfterDays", in: 0...3650)
            let milestones = object.array("milestones", count: 0...20, required: false) { element -> PlanTemplate.MilestoneOutline? in
                guard let milestone = element.object else { return nil }
                milestone.rejectUnknown(besides: ["afterDays", "competencyIds"])
                let days = milestone.integer("afterDays", in: 0...3650)
                let ids = milestone.array("competencyIds", count: 1...100) { element -> CompetencyID? in element.identifier() }
                guard let days, let ids else { return nil }
                return PlanTemplate.MilestoneOutline(afterDays: days, competencies: ids)
            } ?? []
            guard let statement, let kind, let targets, let due else { return nil }
            let outline = PlanTemplate.GoalOutline(statement: statement, kind: kind, targets: targets, targetLevel: level,
                                                   dueAfterDays: due, milestones: milestones)
            do throws(Goal.Invalid) {
                try outline.check()
            } catch {
                switch error {
                case .milestoneOutsideTargets(let ids):
                    refused.append(.init(pointer: object.member("milestones"), detail: "Not targets of the goal: \(ids.map(\.description).joined(separator: ", "))."))
                case .milestoneAfterDueDate:
                    refused.append(.init(pointer: object.member("milestones"), detail: "A milestone falls after the goal's dueAfterDays."))
                case .emptyStatement, .noTargets:
                    break  // Reported by the member checks above.
                }
            }
            return outline
        }
        try input.log.check()
        guard refused.isEmpty else { throw .unprocessable("A goal outline breaks a goal rule.", errors: refused) }
        self.title = title!
        self.description = description
        self.competencies = competencies
        self.outlines = outlines!
    }

    /// Every competency named.
    var allCompetencies: [CompetencyID] {
        competencies + outlines.flatMap { $0.targets + $0.milestones.flatMap(\.competencies) }
    }
}
