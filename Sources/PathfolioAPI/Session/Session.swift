public import Foundation
public import PathfolioCore
public import PathfolioPostgres

/// One authenticated request's transaction: who is calling, the connection (tenant set for
/// row-level security), the request's clock reading, what the statements sent with the
/// opening round trip returned, and the writes queued to go with the commit.
///
/// Round trips are the cost here, so a handler can ``enqueue(_:)`` its writes: they are sent
/// together, with `COMMIT`, in one round trip when the handler returns. A handler that queues
/// writes must not run statements on ``connection`` after them (they would run first); it can
/// ``flush()`` to send the queue early.
final class Session {
    let requester: Requester
    let connection: PostgresConnection
    let now: Date
    /// The transaction's start as PostgreSQL knows it (`now()`): the time every timestamp
    /// column defaulting to `now()` gets in this transaction.
    let transactionStartedAt: Date
    /// The institution's catalog version as the transaction began.
    let catalogState: CatalogVersionStore.State
    /// Whether the opening round trip already committed (read-only requests).
    let isCommitted: Bool
    private let reads: PostgresBatchResults
    private let context: APIContext
    private var pending = PostgresBatch()

    init(requester: Requester, connection: PostgresConnection, now: Date, transactionStartedAt: Date,
         catalogState: CatalogVersionStore.State, isCommitted: Bool, reads: PostgresBatchResults, context: APIContext) {
        self.requester = requester
        self.connection = connection
        self.now = now
        self.transactionStartedAt = transactionStartedAt
        self.catalogState = catalogState
        self.isCommitted = isCommitted
        self.reads = reads
        self.context = context
    }

    var institutionID: InstitutionID { requester.institutionID }
    var personID: PersonID { requester.personID }

    /// Goes on only when the core's access policy allows; otherwise 404 (SPEC §2.1).
    func require(_ action: AccessAction, _ target: AccessTarget) throws(APIError) {
        guard AccessPolicy.decide(requester, action, target) == .allow else { throw .notFound }
    }

    /// Whether the policy allows, without failing.
    func may(_ action: AccessAction, _ target: AccessTarget) -> Bool {
        AccessPolicy.decide(requester, action, target) == .allow
    }

    /// Requires `action` on the institution itself.
    func require(_ action: AccessAction) throws(APIError) {
        try require(action, .institution(institutionID))
    }

    /// Requires `action` on one learner's records.
    func require(_ action: AccessAction, learner: PersonID) throws(APIError) {
        try require(action, .learner(learner, in: institutionID))
    }

    /// Appends an audit row in the transaction.
    func audit(_ action: String, target: String, id: UUID?, details: PostgresJSON = PostgresJSON(text: "{}")) async throws {
        try await AuditLogStore(connection: connection).append(
            actor: personID, action: action, targetType: target, targetID: id, details: details)
    }

    /// What a statement sent with the opening round trip returned.
    func read<Result>(_ slot: PostgresBatch.Slot<Result>) throws -> Result {
        try reads(slot)
    }

    /// The institution's catalog in force at the transaction's start: the process's copy
    /// while the database says it is current, else read (and kept) now. `asOf` a past instant
    /// reads the policies in force then, never from the copy.
    func catalog(asOf: Date? = nil) async throws -> CompetencyCatalog {
        if let asOf { return try await CompetencyCatalog.load(in: self, asOf: asOf) }
        let cache = context.catalogs
        if let held = cache.catalog(of: institutionID, state: catalogState, at: transactionStartedAt) { return held }
        let catalog: CompetencyCatalog
        if isCommitted {
            // The opening round trip ended the transaction: read in one of its own, on this
            // connection (asking the pool for another while holding this one could leave every
            // request of a cold process waiting for the others' connections).
            let institution = institutionID
            _ = try await connection.pipeline([
                "BEGIN ISOLATION LEVEL READ COMMITTED",
                "SELECT set_config('pathfolio.institution_id', \(institution.description), true)",
            ])
            do {
                catalog = try await CompetencyCatalog.load(institution: institution, on: connection)
                try await connection.execute(script: "COMMIT")
            } catch {
                _ = try? await connection.execute(script: "ROLLBACK")
                throw error
            }
        } else {
            catalog = try await CompetencyCatalog.load(in: self)
        }
        cache.store(catalog, of: institutionID, state: catalogState)
        return catalog
    }

    /// Queues a write to send with the commit.
    @discardableResult
    func enqueue<Result>(_ statement: PostgresStatement<Result>) -> PostgresBatch.Slot<Result> {
        pending.add(statement)
    }

    /// Sends the queued writes now (one round trip) and returns their results; throws the
    /// first one's error.
    @discardableResult
    func flush() async throws -> PostgresBatchResults {
        guard !pending.isEmpty else { return try await connection.send(PostgresBatch()) }
        let batch = pending
        pending = PostgresBatch()
        let results = try await connection.send(batch)
        try results.check()
        return results
    }

    /// Sends the queued writes with `COMMIT` in one round trip (nothing when the opening round
    /// trip already committed); throws the first error, and then nothing is committed.
    func commit() async throws {
        guard !isCommitted else { return }
        var batch = pending
        pending = PostgresBatch()
        batch.add("COMMIT")
        try await connection.send(batch).check()
    }
}
