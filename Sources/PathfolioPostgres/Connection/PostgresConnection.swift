internal import CLibPQ
import Glibc
import Synchronization

/// One connection to PostgreSQL, through libpq.
///
/// An actor on its own thread (`ConnectionThread`): every libpq call on this connection runs
/// there, one at a time, so the `PGconn` is never shared between threads and the blocking
/// calls never occupy Swift's cooperative pool. Obtain connections from a `PostgresPool`;
/// `connect(to:)` is for tools and tests that need exactly one.
public actor PostgresConnection {
    /// Where a connection stands with respect to a transaction (libpq's `PQtransactionStatus`).
    public enum TransactionStatus: Sendable {
        case idle, active, inTransaction, failedTransaction, unknown
    }

    private let thread: ConnectionThread
    private var handle: OpaquePointer?
    /// Mirrors of the connection's state, written on its thread after every call and
    /// readable from any thread without a hop: the pool consults them on every checkout and
    /// check-in, which would otherwise cost two thread switches per statement.
    private let socketMirror = Atomic<Int32>(-1)
    private let idleMirror = Atomic<Bool>(false)

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        thread.asUnownedSerialExecutor()
    }

    /// The connection's thread as a task executor: code that prefers it runs beside the
    /// connection, so each statement costs no thread switch.
    nonisolated var taskExecutor: any TaskExecutor { thread }

    private init(thread: ConnectionThread, preparesStatements: Bool) {
        self.thread = thread
        self.preparesStatements = preparesStatements
    }

    // Isolated, so the handle is finished on the connection's own thread.
    isolated deinit {
        if let handle { PQfinish(handle) }
        thread.stop()
    }

    /// Connects using a libpq connection string: a URL (`postgresql://user@host:5432/db?…`,
    /// several hosts allowed, e.g. with `target_session_attrs=read-write`) or keyword form
    /// (`host=/tmp dbname=pathfolio`). Unless the string says otherwise, gives up after
    /// 10 seconds. `preparingStatements`: see ``preparesStatements``.
    public static func connect(to connectionString: String,
                               preparingStatements: Bool = true) async throws(PostgresError) -> PostgresConnection {
        try PostgresConnectionString.validate(connectionString)
        let connection = PostgresConnection(thread: ConnectionThread(name: "pathfolio.postgres"),
                                            preparesStatements: preparingStatements)
        try await connection.open(connectionString)
        return connection
    }

    private func open(_ connectionString: String) throws(PostgresError) {
        // Defaults come before the caller's string so that its values win; the encoding
        // comes after, because every decoder here reads UTF-8.
        let keywords = ["connect_timeout", "application_name", "dbname", "client_encoding"]
        let values = ["10", "pathfolio", connectionString, "UTF8"]
        let connection = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else { throw .connectionFailed("out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.libpqMessage(connection)
            PQfinish(connection)
            throw .connectionFailed(message)
        }
        handle = connection
        socketMirror.store(PQsocket(connection), ordering: .releasing)
        // libpq prints server notices (`… already exists, skipping`) to stderr by default;
        // they are not errors and must not clutter a command's output.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        // Decoders read ISO dates in UTC and hex bytea; pin them whatever the server's defaults.
        _ = try execute(script: "SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET bytea_output TO 'hex'; SET IntervalStyle TO 'iso_8601'")
    }

    /// Closes the connection now rather than when the last reference goes.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        idleMirror.store(false, ordering: .releasing)
        socketMirror.store(-1, ordering: .releasing)
    }

    /// Whether, after its last statement, the connection was open and outside any transaction.
    nonisolated var wasIdleAfterLastCall: Bool { idleMirror.load(ordering: .acquiring) }

    /// Whether the server sent something, or hung up, while the connection sat idle; only
    /// then does the pool need the full `isUsable()` check. Safe from any thread: it only polls.
    nonisolated func hasUnexpectedInput() -> Bool {
        let socket = socketMirror.load(ordering: .acquiring)
        guard socket >= 0 else { return true }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN) | Self.pollReadHangUp, revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }

    private func recordState() {
        guard let handle else { return idleMirror.store(false, ordering: .releasing) }
        let idle = PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
        idleMirror.store(idle, ordering: .releasing)
    }

    /// Linux's POLLRDHUP (peer closed its end), which Glibc's module leaves out (_GNU_SOURCE).
    private static let pollReadHangUp: Int16 = 0x2000

    /// Whether the connection is open and its server has not gone away. Reads anything the
    /// server sent while the connection sat idle (a termination notice, end of file) so a
    /// connection killed while idle is noticed before a statement is sent on it.
    public func isUsable() -> Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN) | Self.pollReadHangUp, revents: 0)
        if poll(&descriptor, 1, 0) > 0 {
            // The server closed its end (terminated backend, restart): nothing to salvage.
            if descriptor.revents & (Self.pollReadHangUp | Int16(POLLHUP) | Int16(POLLERR)) != 0 { return false }
            if PQconsumeInput(handle) == 0 { return false }
            while let notification = PQnotifies(handle) { PQfreemem(notification) }
        }
        recordState()
        return PQstatus(handle) == CONNECTION_OK && transactionStatus == .idle
    }

    /// The connection's transaction state.
    public var transactionStatus: TransactionStatus {
        guard let handle else { return .unknown }
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_ACTIVE: return .active
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .failedTransaction
        default: return .unknown
        }
    }

    /// The server's process id for this connection (for `pg_terminate_backend` and logs).
    public var backendProcessID: Int32 {
        guard let handle else { return 0 }
        return PQbackendPID(handle)
    }

    /// Runs one statement with bound parameters and returns its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        defer { recordState() }
        let handle = try requireOpen()
        let encoded = try EncodedQuery(query)
        var name = preparedNames[encoded.key]
        if name == nil, let fresh = nameForPreparing(encoded) {
            // The first run of a statement on this connection prepares it (one round trip more, once).
            let prepared = encoded.withCArrays { sql, count, types, _, _, _ in PQprepare(handle, fresh, sql, count, types) }
            _ = try checkPreparing(prepared)
            preparedNames[encoded.key] = fresh
            name = fresh
        }
        let result = encoded.withCArrays { sql, count, types, values, lengths, formats in
            if let name { PQexecPrepared(handle, name, count, values, lengths, formats, 0) }
            else { PQexecParams(handle, sql, count, types, values, lengths, formats, 0) }
        }
        return try checkPreparing(result)
    }

    // MARK: Prepared statements

    /// Whether statements are prepared (named, parsed and planned once per connection, as
    /// `pgbench -M prepared` does): the server then skips parsing and, once it settles on a
    /// generic plan, planning. Off for poolers that do not keep a session per client.
    public nonisolated let preparesStatements: Bool
    /// The statements prepared on this connection (`pf1`, `pf2`, …) by text and parameter types.
    private var preparedNames: [EncodedQuery.Key: String] = [:]
    private var preparedCount = 0
    /// Statements whose text is built from data would fill the table: past this many, the
    /// rest run unnamed.
    static let preparedLimit = 256

    /// A new statement name for `query`, or nil when it should run unnamed.
    private func nameForPreparing(_ query: EncodedQuery) -> String? {
        guard preparesStatements, preparedNames.count < Self.preparedLimit else { return nil }
        preparedCount += 1
        return "pf\(preparedCount)"
    }

    /// ``check(_:)``, forgetting every prepared statement when the server says one is gone
    /// (someone ran `DEALLOCATE` or `DISCARD`): the next runs prepare them again.
    private func checkPreparing(_ result: OpaquePointer?) throws(PostgresError) -> PostgresRows {
        do {
            return try check(result)
        } catch {
            if error.sqlState == .invalidSQLStatementName { preparedNames.removeAll() }
            throw error
        }
    }

    /// Runs SQL text that may hold several statements and no parameters (migrations, setup).
    @discardableResult
    public func execute(script: String) throws(PostgresError) -> PostgresRows {
        defer { recordState() }
        let handle = try requireOpen()
        return try check(PQexec(handle, script))
    }

    /// Sends every statement at once and reads the results after: one network round trip.
    ///
    /// The statements form one implicit transaction: all take effect or, on the first error,
    /// none does (that error is thrown). A batch that contains its own `BEGIN` and fails is
    /// rolled back here. Meant for a handful of small statements: libpq's blocking mode
    /// writes the whole batch before reading, so huge batches with huge results could stall.
    public func pipeline(_ queries: [PostgresQuery]) throws(PostgresError) -> [PostgresRows] {
        let outcome = try pipelineOutcome(queries)
        if let error = outcome.error { throw error }
        return outcome.rows
    }

    /// Sends a batch in one round trip (as ``pipeline(_:)``) and returns what came back even
    /// when a statement failed: the results of the statements before the failure, and the
    /// error. Statements after a failure do not run. Only a broken connection throws.
    public func send(_ batch: PostgresBatch) throws(PostgresError) -> PostgresBatchResults {
        let outcome = try pipelineOutcome(batch.queries)
        return PostgresBatchResults(rows: outcome.rows, error: outcome.error)
    }

    private func pipelineOutcome(_ queries: [PostgresQuery]) throws(PostgresError) -> (rows: [PostgresRows], error: PostgresError?) {
        defer { recordState() }
        let handle = try requireOpen()
        guard !queries.isEmpty else { return ([], nil) }
        // Encode everything first: a value that cannot be sent must fail before anything is.
        let encoded = try queries.map { (query) throws(PostgresError) in try EncodedQuery(query) }
        let startedIdle = PQtransactionStatus(handle) == PQTRANS_IDLE
        guard PQenterPipelineMode(handle) == 1 else { throw abandon() }
        // A statement not prepared yet is prepared in the same pipeline, just before it runs.
        var preparing: [String?] = []
        var pending: [EncodedQuery.Key: String] = [:]
        for query in encoded {
            let key = query.key
            var name = preparedNames[key] ?? pending[key]
            var fresh: String?
            if name == nil, let new = nameForPreparing(query) {
                fresh = new
                name = new
                pending[key] = new
            }
            preparing.append(fresh)
            let sent = query.withCArrays { sql, count, types, values, lengths, formats -> Int32 in
                if let fresh, PQsendPrepare(handle, fresh, sql, count, types) != 1 { return 0 }
                if let name { return PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0) }
                return PQsendQueryParams(handle, sql, count, types, values, lengths, formats, 0)
            }
            guard sent == 1 else { throw abandon() }
        }
        guard PQpipelineSync(handle) == 1 else { throw abandon() }

        var results: [PostgresRows] = []
        results.reserveCapacity(queries.count)
        var firstError: PostgresError?
        for (index, query) in encoded.enumerated() {
            if let fresh = preparing[index] {
                guard let prepared = PQgetResult(handle) else { throw abandon(after: firstError) }
                switch PQresultStatus(prepared) {
                case PGRES_COMMAND_OK: preparedNames[query.key] = fresh
                case PGRES_PIPELINE_ABORTED: break
                default:
                    let error = serverError(prepared)
                    if firstError == nil { firstError = error }
                }
                PQclear(prepared)
                while let extra = PQgetResult(handle) { PQclear(extra) }
            }
            guard let result = PQgetResult(handle) else { throw abandon(after: firstError) }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                results.append(PostgresRows(result: result))
            case PGRES_PIPELINE_ABORTED:
                PQclear(result)
            default:
                let error = serverError(result)
                PQclear(result)
                if firstError == nil { firstError = error }
                if PQstatus(handle) != CONNECTION_OK { throw abandon(after: firstError) }
            }
            // Each statement's results end with a NULL.
            while let extra = PQgetResult(handle) { PQclear(extra) }
        }
        guard let sync = PQgetResult(handle) else { throw abandon(after: firstError) }
        let syncStatus = PQresultStatus(sync)
        PQclear(sync)
        guard syncStatus == PGRES_PIPELINE_SYNC, PQexitPipelineMode(handle) == 1 else { throw abandon(after: firstError) }
        if let firstError {
            if firstError.sqlState == .invalidSQLStatementName { preparedNames.removeAll() }
            // Only a transaction the batch opened itself is ours to end; one the caller
            // opened (`withTransaction`) stays failed for the caller to roll back.
            if startedIdle && PQtransactionStatus(handle) != PQTRANS_IDLE {
                _ = try? execute(script: "ROLLBACK")
            }
        }
        return (results, firstError)
    }

    /// Gives up on a connection whose protocol state is no longer known (a failed send or
    /// read mid-pipeline): closes it so nothing can use it again, and returns the error to
    /// throw — the server's, when one was already received.
    private func abandon(after serverError: PostgresError? = nil) -> PostgresError {
        let error = serverError ?? lostConnection()
        close()
        return error
    }

    // MARK: - libpq plumbing

    private func requireOpen() throws(PostgresError) -> OpaquePointer {
        guard let handle else { throw .connectionLost("the connection is closed") }
        return handle
    }

    private func lostConnection() -> PostgresError {
        guard let handle else { return .connectionLost("the connection is closed") }
        return .connectionLost(Self.libpqMessage(handle))
    }

    private func check(_ result: OpaquePointer?) throws(PostgresError) -> PostgresRows {
        guard let result else { throw lostConnection() }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(result: result)
        default:
            let error = serverError(result)
            PQclear(result)
            throw error
        }
    }

    /// The error a failed result describes: a server error when it carries a SQLSTATE,
    /// otherwise libpq's own (the connection broke).
    private func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let pointer = PQresultErrorField(result, code) else { return nil }
            return String(cString: pointer)
        }
        guard let state = field(PATHFOLIO_PG_DIAG_SQLSTATE) else {
            let message = String(cString: PQresultErrorMessage(result))
            return .connectionLost(message.isEmpty ? lostConnection().description : Self.trimmed(message))
        }
        return .server(PostgresServerError(
            sqlState: SQLState(state),
            severity: field(PATHFOLIO_PG_DIAG_SEVERITY_NONLOCALIZED) ?? field(PATHFOLIO_PG_DIAG_SEVERITY) ?? "ERROR",
            message: field(PATHFOLIO_PG_DIAG_MESSAGE_PRIMARY) ?? "",
            detail: field(PATHFOLIO_PG_DIAG_MESSAGE_DETAIL),
            hint: field(PATHFOLIO_PG_DIAG_MESSAGE_HINT),
            schema: field(PATHFOLIO_PG_DIAG_SCHEMA_NAME),
            table: field(PATHFOLIO_PG_DIAG_TABLE_NAME),
            column: field(PATHFOLIO_PG_DIAG_COLUMN_NAME),
            constraint: field(PATHFOLIO_PG_DIAG_CONSTRAINT_NAME)
        ))
    }

    static func libpqMessage(_ connection: OpaquePointer) -> String {
        trimmed(String(cString: PQerrorMessage(connection)))
    }

    static func trimmed(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(while: \.isWhitespace) }
            .joined(separator: " ")
    }

}

/// Calls `body` with a NUL-terminated C array of C strings.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicates = strings.map { strdup($0) }
    defer { duplicates.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = duplicates.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
