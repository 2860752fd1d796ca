import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// A learner's mastery (SPEC §1.4): every competency's state (`…/progress`, read from the
/// projection, or recomputed from the ledger `asOf` a past instant), one competency with its
/// explanation (`…/progress/{competencyId}`), and what is ready to learn next (`…/next`).
struct ProgressRoutes {
    let context: APIContext

    struct Progress: Encodable {
        struct Summary: Encodable {
            let total: Int
            let mastered: Int
            let inProgress: Int
            let notStarted: Int
        }
        let learnerId: String
        let frameworkId: String?
        let asOf: Date?
        let summary: Summary
        let competencies: [MasteryStateRepresentation]
    }

    func register(on router: inout Router) {
        let context = self.context
        router.get("/v1/learners/{id}/progress", APIContext.handler { request in
            let learner: PersonID = try request.identifier("id")
            let framework: FrameworkID? = try request.query("framework").map { text throws(APIError) in
                guard let id = FrameworkID(text) else { throw .invalidParameter("framework", "Must be a UUID.") }
                return id
            }
            guard request.query("asOf") != nil else {
                // Now: the projection, read with the statements that open the transaction and
                // the commit, against the catalog the process holds: one round trip.
                return try await context.session(request, readOnly: true, reading: { batch, _ in
                    batch.add(MasteryStateStore.states(of: learner))
                }) { session, states in
                    try session.require(.readProgress, learner: learner)
                    return try ProgressRoutes.progress(learner: learner, framework: framework, asOf: nil,
                                                       rows: try session.read(states), catalog: try await session.catalog())
                }
            }
            return try await context.session(request) { session in
                try session.require(.readProgress, learner: learner)
                let asOf = try await ProgressRoutes.asOf(request, in: session)
                let catalog = try await session.catalog(asOf: asOf)
                let rows: [MasteryStateStore.Stored]
                if let asOf {
                    let reviews = try await ReviewLedgerStore(connection: session.connection).reviews(of: learner)
                    rows = MasteryProjection(catalog: catalog).rows(learner: learner, reviews: reviews.filter { $0.recordedAt <= asOf })
                } else {
                    rows = try await MasteryStateStore(connection: session.connection).states(of: learner)
                }
                return try ProgressRoutes.progress(learner: learner, framework: framework, asOf: asOf, rows: rows, catalog: catalog)
            }
        })

        router.get("/v1/learners/{id}/progress/{competencyId}", APIContext.handler { request in
            let learner: PersonID = try request.identifier("id")
            let competencyID: CompetencyID = try request.identifier("competencyId")
            return try await context.session(request) { session in
                try session.require(.readProgress, learner: learner)
                let asOf = try await ProgressRoutes.asOf(request, in: session)
                let catalog = try await session.catalog(asOf: asOf)
                guard let competency = catalog.graph.competency(competencyID) else { throw APIError.notFound }
                let reviews = try await ReviewLedgerStore(connection: session.connection).reviews(of: learner)
                let known = asOf.map { asOf in reviews.filter { $0.recordedAt <= asOf } } ?? reviews
                let progress = LearnerProgress(learner: learner, graph: catalog.graph, frameworks: catalog.frameworks,
                                               reviews: known)
                let evaluation = MasteryEvaluation(
                    learner: learner, competency: competencyID, reviews: reviews.filter { $0.competencyID == competencyID },
                    method: catalog.method(for: competency), scale: catalog.scale(for: competency), asOf: asOf)
                return .json(MasteryExplanationRepresentation(
                    learner: learner, competency: competency, asOf: asOf, evaluation: evaluation,
                    entry: progress.entries[competencyID], scale: catalog.scale(for: competency), catalog: catalog))
            }
        })

        router.get("/v1/learners/{id}/next", APIContext.handler { request in
            let learner: PersonID = try request.identifier("id")
            return try await context.session(request) { session in
                try session.require(.readProgress, learner: learner)
                let catalog = try await session.catalog()
                let rows = try await MasteryStateStore(connection: session.connection).states(of: learner)
                let mastered = Set(rows.filter { $0.status == .mastered }.map(\.competencyID))
                // Ranked by the goals of the learner's open plans (draft, in review, active).
                let plans = try await session.connection.run(PlanRecordStore.openRecords(of: [learner]))
                let readiness = Readiness(graph: catalog.graph, mastered: mastered, goals: plans.flatMap(\.plan.goals),
                                          policies: catalog.policies)
                return .json(ReadinessRepresentation(learner: learner, readiness: readiness, catalog: catalog))
            }
        })
    }

    /// The progress document: every competency of the catalog (of one framework when asked),
    /// retired ones only when they have a state, in catalog order.
    static func progress(learner: PersonID, framework: FrameworkID?, asOf: Date?, rows: [MasteryStateStore.Stored],
                         catalog: CompetencyCatalog) throws(APIError) -> HTTPResponse {
        if let framework, catalog.frameworks[framework] == nil {
            throw APIError.invalidParameter("framework", "No such framework.")
        }
        var byCompetency: [CompetencyID: MasteryStateStore.Stored] = [:]
        byCompetency.reserveCapacity(rows.count)
        for row in rows where byCompetency[row.competencyID] == nil { byCompetency[row.competencyID] = row }
        let listed = catalog.graph.competencies.filter { competency in
            (framework == nil || competency.frameworkID == framework)
                && (!competency.isRetired || byCompetency[competency.id] != nil)
        }
        let states = listed.map { competency in
            byCompetency[competency.id] ?? MasteryStateStore.Stored(
                competencyID: competency.id, isRollup: catalog.graph.hasChildren(competency.id)
                    && catalog.policies[competency.frameworkID]?.rollup(for: competency.id) ?? .all != .none,
                status: .notStarted, score: nil, level: nil, firstMasteredAt: nil,
                contributingReviewCount: 0, latestReviewAt: nil)
        }
        let count = { (status: MasteryStatus) in states.filter { $0.status == status }.count }
        let fragments = catalog.fragments.all(for: catalog.graph)
        return .json(Progress(
            learnerId: learner.description, frameworkId: framework?.description, asOf: asOf,
            summary: .init(total: states.count, mastered: count(.mastered), inProgress: count(.inProgress),
                           notStarted: count(.notStarted)),
            competencies: states.map { MasteryStateRepresentation($0, catalog: catalog, fragments: fragments) }))
    }

    /// `asOf`: an RFC 3339 instant, or a `YYYY-MM-DD` date meaning the end of that day in the
    /// institution's time zone (SPEC §1.4).
    static func asOf(_ request: HTTPRequest, in session: Session) async throws -> Date? {
        guard let text = request.query("asOf") else { return nil }
        guard let instant = try await instant(text, in: session) else {
            throw APIError.invalidParameter(
                "asOf", "Must be an RFC 3339 date-time or a YYYY-MM-DD date, of the years \(Timestamp.years.lowerBound) to \(Timestamp.years.upperBound).")
        }
        return instant
    }

    /// An as-of text read as above; nil when it is neither form.
    static func instant(_ text: String, in session: Session) async throws -> Date? {
        if let instant = Timestamp.parse(text) { return instant }
        guard let day = try? CalendarDate(iso: text), Timestamp.years.contains(day.year) else { return nil }
        return day.endOfDay(in: try await InstitutionStore(connection: session.connection).timeZone())
    }
}

extension ProgressRoutes.Progress: JSONWritable {
    /// About what one state takes, so the document is written without growing its buffer.
    var estimatedSize: Int { 256 + 480 * competencies.count }

    func write(to json: inout JSONWriter) {
        json.object { json in
            if let asOf { json.key("asOf"); json.timestamp(asOf) }
            json.key("competencies"); json.array(competencies) { json, state in state.write(to: &json) }
            if let frameworkId { json.key("frameworkId"); json.string(frameworkId) }
            json.key("learnerId"); json.string(learnerId)
            json.key("summary")
            json.object { json in
                json.key("inProgress"); json.int(summary.inProgress)
                json.key("mastered"); json.int(summary.mastered)
                json.key("notStarted"); json.int(summary.notStarted)
                json.key("total"); json.int(summary.total)
            }
        }
    }
}
