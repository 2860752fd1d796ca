import Foundation
import PathfolioCore
import PathfolioPostgres

/// Assembles transcripts in a session: the learner's mastery (the projection now, or the ledger
/// replayed as of a past instant), their active and completed plans, the catalog in force then,
/// and the institution as issuer.
struct TranscriptAssembly {
    let institution: Institution
    let catalog: CompetencyCatalog
    let timeZone: TimeZone
    /// `nil`: now, from the projection.
    let asOf: Date?
    /// The instant the transcript is as of.
    let instant: Date

    /// Reads the institution and the catalog as of `asOf`.
    static func prepare(asOf: Date?, in session: Session) async throws -> TranscriptAssembly {
        guard let institution = try await session.connection.run(TranscriptSourceStore.institution()) else {
            throw APIError.notFound
        }
        return TranscriptAssembly(institution: institution, catalog: try await session.catalog(asOf: asOf),
                                  timeZone: TimeZone(identifier: institution.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!,
                                  asOf: asOf, instant: asOf ?? session.now)
    }

    /// The transcripts of these learners, in their order.
    func transcripts(of learners: [Transcript.Learner], on connection: PostgresConnection) async throws -> [Transcript] {
        let ids = learners.map(\.id)
        let plans = Dictionary(grouping: try await connection.run(PlanRecordStore.records(of: ids, in: [.active, .completed]))
            .map(\.plan), by: \.learnerID)
        var progress: [PersonID: LearnerProgress] = [:]
        if let asOf {
            let reviews = Dictionary(grouping: try await ReviewLedgerStore(connection: connection).reviews(of: ids, for: nil),
                                     by: \.learnerID)
            for id in ids {
                progress[id] = LearnerProgress(learner: id, graph: catalog.graph, frameworks: catalog.frameworks,
                                               reviews: reviews[id] ?? [], asOf: asOf)
            }
        } else {
            let states = try await connection.run(MasteryStateStore.states(of: ids))
            for id in ids { progress[id] = LearnerProgress(states: states[id] ?? [], learner: id, catalog: catalog) }
        }
        return learners.map { learner in
            Transcript(institution: institution, learner: learner, asOf: instant, progress: progress[learner.id]!,
                       graph: catalog.graph, frameworks: catalog.frameworks, plans: plans[learner.id] ?? [], timeZone: timeZone)
        }
    }
}
