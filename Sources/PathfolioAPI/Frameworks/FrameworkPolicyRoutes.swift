import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// `PUT /v1/frameworks/{id}/policy` and `POST /v1/frameworks/{id}/policy/preview` (SPEC §1.4).
///
/// A policy takes effect when it is recorded (never backdated: `asOf` a time before the change
/// keeps showing what was known then). Applying one recomputes, in the same transaction, the
/// projection of every learner with reviews in the framework, and records who changed it.
extension FrameworkRoutes {
    struct PolicyApplied: Encodable {
        let frameworkId: String
        let effectiveFrom: Date
        let changedBy: String
        let policy: MasteryPolicyRepresentation
        let scale: ProficiencyScaleRepresentation
        let learnersRecomputed: Int
        let statesWritten: Int
    }

    struct PreviewRepresentation: Encodable {
        struct Change: Encodable {
            let learnerId: String
            let competencyId: String
            let code: String?
            let currentStatus: String
            let proposedStatus: String
            let currentScore: Score?
            let proposedScore: Score?
        }
        let frameworkId: String
        let learnersEvaluated: Int
        let learnersWithStatusChanges: Int
        let statusChanges: [Change]
        let scoreOnlyChanges: Int
    }

    func registerPolicy(on router: inout Router) {
        let context = self.context
        router.put("/v1/frameworks/{id}/policy", APIContext.handler { request in
            let id: FrameworkID = try request.identifier("id")
            let body = try await request.jsonBody()
            let input = try RequestObject.parse(body)
            return try await context.session(request) { session in
                try session.require(.managePolicy)
                // Exclusive: reviews in flight commit first, and none starts computing until this
                // change commits.
                try await FrameworkCatalogStore(institution: session.institutionID).lockForChanges(on: session.connection)
                let catalog = try await CompetencyCatalog.load(in: session)
                guard catalog.frameworks[id] != nil else { throw APIError.notFound }
                let proposal = try MasteryPolicyInput(input, framework: Self.competencies(of: id, in: catalog))
                let policy = proposal.policy
                let store = FrameworkCatalogStore(institution: session.institutionID)
                let change = try await store.savePolicy(policy, scale: proposal.scale, of: id, effectiveFrom: session.now, changedBy: session.personID,
                                                        at: session.now, on: session.connection)
                // Recompute with the new policy in force (read again: the process's copy is
                // the one before this transaction's change).
                let updated = try await CompetencyCatalog.load(in: session)
                let competencies = Self.competencies(of: id, in: updated)
                let reviews = try await ReviewLedgerStore(connection: session.connection)
                    .reviews(of: nil, for: Array(competencies))
                let learners = Set(reviews.map(\.learnerID))
                let all = try await ReviewLedgerStore(connection: session.connection).reviews(of: Array(learners), for: nil)
                let byLearner = Dictionary(grouping: all, by: \.learnerID)
                let projection = MasteryProjection(catalog: updated)
                let states = MasteryStateStore(connection: session.connection)
                var written = 0
                for learner in learners.sorted() {
                    let own = byLearner[learner] ?? []
                    let rows = projection.rows(learner: learner, reviews: own,
                                               touching: Set(own.map(\.competencyID)).intersection(competencies))
                    try await states.save(rows, of: learner)
                    written += rows.count
                }
                try await session.audit("framework.policy", target: "framework", id: id.uuid,
                                        details: try PostgresJSON(encoding: ["learnersRecomputed": learners.count]))
                return .json(PolicyApplied(frameworkId: id.description, effectiveFrom: change.effectiveFrom,
                                           changedBy: session.personID.description, policy: MasteryPolicyRepresentation(policy),
                                           scale: ProficiencyScaleRepresentation(updated.frameworks[id]!.defaultScale),
                                           learnersRecomputed: learners.count, statesWritten: written))
            }
        })

        router.post("/v1/frameworks/{id}/policy/preview", APIContext.handler { request in
            let id: FrameworkID = try request.identifier("id")
            let body = try await request.jsonBody()
            let input = try RequestObject.parse(body)
            return try await context.session(request) { session in
                try session.require(.managePolicy)
                let catalog = try await session.catalog()
                guard let framework = catalog.frameworks[id] else { throw APIError.notFound }
                let competencies = Self.competencies(of: id, in: catalog)
                let proposed = try MasteryPolicyInput(input, framework: competencies).policy
                let reviews = try await ReviewLedgerStore(connection: session.connection).reviews(of: nil, for: Array(competencies))
                let cohort = Array(Set(reviews.map(\.learnerID)))
                let preview = PolicyPreview(graph: catalog.graph, framework: framework, proposed: proposed,
                                            cohort: cohort, reviews: reviews)
                return .json(PreviewRepresentation(
                    frameworkId: id.description, learnersEvaluated: preview.learnersEvaluated,
                    learnersWithStatusChanges: preview.learnersWithStatusChanges,
                    statusChanges: preview.statusChanges.map {
                        .init(learnerId: $0.learnerID.description, competencyId: $0.competencyID.description,
                              code: catalog.graph.competency($0.competencyID)?.humanCodingScheme,
                              currentStatus: $0.currentStatus.rawValue, proposedStatus: $0.proposedStatus.rawValue,
                              currentScore: $0.currentScore, proposedScore: $0.proposedScore)
                    },
                    scoreOnlyChanges: preview.scoreOnlyChanges.count))
            }
        })
    }

    static func competencies(of framework: FrameworkID, in catalog: CompetencyCatalog) -> Set<CompetencyID> {
        Set(catalog.graph.competencies.lazy.filter { $0.frameworkID == framework }.map(\.id))
    }
}
