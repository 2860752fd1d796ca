public import Foundation
public import PathfolioCore
public import PathfolioPostgres

/// `pathfolio mastery rebuild [--check]`: recomputes every mastery projection from the ledger,
/// institution by institution, each in one transaction, with the same ``MasteryProjection``
/// the review endpoint uses. With `check`, nothing is written and the differences are reported.
public struct MasteryRebuild: Sendable {
    /// One (learner, competency) whose stored state differs from the ledger's.
    public struct Difference: Sendable, CustomStringConvertible {
        public let institution: String
        public let learnerID: PersonID
        public let competencyID: CompetencyID
        public let stored: String
        public let expected: String

        public var description: String {
            "\(institution) learner \(learnerID) competency \(competencyID): stored \(stored), ledger says \(expected)"
        }
    }

    /// What a run found (and, unless checking, fixed).
    public struct Report: Sendable {
        public let learners: Int
        public let statesComputed: Int
        public let differences: [Difference]
    }

    let pool: PostgresPool

    public init(pool: PostgresPool) { self.pool = pool }

    /// Runs over every institution (or the one with `slug`).
    public func run(check: Bool, institution slug: String? = nil) async throws -> Report {
        let institutions = try await pool.withConnection { try await InstitutionStore(connection: $0).all() }
            .filter { slug == nil || $0.slug == slug }
        var learners = 0, computed = 0
        var differences: [Difference] = []
        for (id, slug) in institutions {
            try await pool.withTransaction(settings: [("pathfolio.institution_id", id.description)]) { connection in
                // Exclusive: reviews wait until the rebuild of this institution is done.
                try await FrameworkCatalogStore(institution: id).lockForChanges(on: connection)
                let catalog = try await CompetencyCatalog.load(institution: id, on: connection)
                let ledger = ReviewLedgerStore(connection: connection)
                let states = MasteryStateStore(connection: connection)
                let everyone = Set(try await ledger.reviewedLearners()).union(try await states.learners())
                let projection = MasteryProjection(catalog: catalog)
                for learner in everyone.sorted() {
                    learners += 1
                    let expected = projection.rows(learner: learner, reviews: try await ledger.reviews(of: learner))
                    computed += expected.count
                    let stored = Dictionary(try await states.states(of: learner).map { ($0.competencyID, $0) },
                                            uniquingKeysWith: { first, _ in first })
                    let expectedByID = Dictionary(expected.map { ($0.competencyID, $0) }, uniquingKeysWith: { first, _ in first })
                    var found: [Difference] = []
                    for row in expected where stored[row.competencyID] != row {
                        found.append(Difference(institution: slug, learnerID: learner, competencyID: row.competencyID,
                                                stored: stored[row.competencyID].map(Self.summary) ?? "nothing",
                                                expected: Self.summary(row)))
                    }
                    let extra = stored.keys.filter { expectedByID[$0] == nil }.sorted()
                    for competency in extra {
                        found.append(Difference(institution: slug, learnerID: learner, competencyID: competency,
                                                stored: Self.summary(stored[competency]!), expected: "nothing"))
                    }
                    differences += found
                    if !check, !found.isEmpty {
                        try await states.save(expected, of: learner)
                        try await states.delete(extra, of: learner)
                    }
                }
            }
        }
        return Report(learners: learners, statesComputed: computed, differences: differences)
    }

    static func summary(_ row: MasteryStateStore.Stored) -> String {
        "\(row.status.rawValue) score \(row.score?.description ?? "none") (\(row.contributingReviewCount) reviews)"
    }
}
