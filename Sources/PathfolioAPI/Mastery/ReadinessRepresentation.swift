import PathfolioCore

/// `GET /v1/learners/{id}/next`: competencies ready to learn (every prerequisite mastered),
/// most goals unblocked first, and the gaps that block goals.
struct ReadinessRepresentation: Encodable {
    struct Ready: Encodable {
        let competencyId: String
        let code: String
        let statement: String?
        let goalsUnblocked: Int
    }
    struct Gap: Encodable {
        let goalId: String
        let competencyId: String
        let code: String
        let ready: Bool
    }

    let learnerId: String
    let ready: [Ready]
    let gaps: [Gap]

    init(learner: PersonID, readiness: Readiness, catalog: CompetencyCatalog) {
        learnerId = learner.description
        ready = readiness.ready.map {
            Ready(competencyId: $0.competencyID.description, code: $0.code,
                  statement: catalog.graph.competency($0.competencyID)?.fullStatement, goalsUnblocked: $0.goalsUnblocked)
        }
        gaps = readiness.gaps.map {
            Gap(goalId: $0.goalID.description, competencyId: $0.competencyID.description, code: $0.code, ready: $0.isReady)
        }
    }
}
