/// A bounded pool of `PostgresConnection`s.
///
/// - At most `maximumConnections` are open; callers beyond that wait in order, each for at
///   most `checkoutTimeout`, then get `PostgresError.poolTimedOut`.
/// - A connection that broke (its server went away, a FATAL error, an unfinished
///   transaction) is closed instead of being reused, and its place is free for a new one.
/// - Idle connections are checked before reuse, so one killed while idle is replaced
///   without the caller noticing.
/// - A place freed by a closed connection is reserved for the longest waiter.
/// - While the server cannot be reached, new connections are attempted with exponential
///   backoff until the caller's checkout timeout; the caller then gets the last reason.
public actor PostgresPool {
    /// How the pool connects and how long callers wait.
    public struct Configuration: Sendable {
        /// A libpq connection string (URL or keywords).
        public var connectionString: String
        /// The most connections open at once.
        public var maximumConnections: Int
        /// How long a caller waits for a connection before giving up.
        public var checkoutTimeout: Duration
        /// The first pause after a failed connection attempt; doubles up to `maximumBackoff`.
        public var initialBackoff: Duration
        public var maximumBackoff: Duration
        /// Runs on each connection every time it is checked out (session settings, checks).
        public var onCheckout: (@Sendable (PostgresConnection) async throws -> Void)?
        /// Whether connections prepare their statements (``PostgresConnection/preparesStatements``);
        /// turn off behind a pooler that does not keep one server session per client.
        public var preparesStatements: Bool = true

        public init(
            connectionString: String, maximumConnections: Int = 10, checkoutTimeout: Duration = .seconds(10),
            initialBackoff: Duration = .milliseconds(50), maximumBackoff: Duration = .seconds(2),
            onCheckout: (@Sendable (PostgresConnection) async throws -> Void)? = nil
        ) {
            self.connectionString = connectionString
            self.maximumConnections = max(1, maximumConnections)
            self.checkoutTimeout = checkoutTimeout
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
            self.onCheckout = onCheckout
        }
    }

    /// What a waiting caller is given.
    private enum Handoff {
        /// A connection another caller checked in.
        case connection(PostgresConnection)
        /// A place freed up (a broken connection was closed) and is reserved for this caller,
        /// who opens a new connection in it.
        case reservedSlot
    }

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Handoff, any Error>
        /// Ends the wait at the checkout deadline; cancelled when the wait ends otherwise.
        var timeout: Task<Void, Never>?
    }

    public let configuration: Configuration
    private var idle: [PostgresConnection] = []
    private var openCount = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0
    private var closed = false
    private var consecutiveFailures = 0
    private var nextAttempt: ContinuousClock.Instant?
    private var lastFailure: PostgresError?

    public init(configuration: Configuration) throws(PostgresError) {
        try PostgresConnectionString.validate(configuration.connectionString)
        self.configuration = configuration
    }

    /// The number of connections open now (idle or in use), for metrics and tests.
    public var openConnections: Int { openCount }

    /// Runs `body` with a connection checked out for it alone, and returns the connection.
    public func withConnection<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await checkOut()
        // The body's own code runs on the connection's thread, so its statements do not
        // bounce between that thread and the cooperative pool.
        return try await withTaskExecutorPreference(connection.taskExecutor) {
            do {
                if let hook = configuration.onCheckout { try await hook(connection) }
                let value = try await body(connection)
                await checkIn(connection, after: nil)
                return value
            } catch {
                await checkIn(connection, after: error)
                throw error
            }
        }
    }

    /// Runs one statement on any connection.
    @discardableResult
    public nonisolated func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withConnection { connection in try await connection.query(query) }
    }

    /// Closes every idle connection and refuses new checkouts; connections in use close
    /// when they come back.
    public func close() async {
        closed = true
        let connections = idle
        idle.removeAll()
        openCount -= connections.count
        for waiter in waiters {
            waiter.timeout?.cancel()
            waiter.continuation.resume(throwing: PostgresError.poolClosed)
        }
        waiters.removeAll()
        for connection in connections { await connection.close() }
    }

    // MARK: - Checkout

    private func checkOut() async throws -> PostgresConnection {
        let deadline = ContinuousClock.now + configuration.checkoutTimeout
        while true {
            guard !closed else { throw PostgresError.poolClosed }
            while let connection = idle.popLast() {
                if !connection.hasUnexpectedInput() && connection.wasIdleAfterLastCall { return connection }
                if await connection.isUsable() { return connection }
                openCount -= 1
                await connection.close()
            }
            if openCount < configuration.maximumConnections {
                openCount += 1
                return try await connectInReservedSlot(before: deadline)
            }
            guard ContinuousClock.now < deadline else { throw timedOut() }
            switch try await waitForTurn(until: deadline) {
            case .connection(let connection): return connection
            case .reservedSlot: return try await connectInReservedSlot(before: deadline)
            }
        }
    }

    /// Opens a connection in a place already counted in `openCount`; gives the place to the
    /// next waiter if that fails.
    private func connectInReservedSlot(before deadline: ContinuousClock.Instant) async throws -> PostgresConnection {
        do {
            return try await connect(before: deadline)
        } catch {
            openCount -= 1
            handFreedSlotToNextWaiter()
            throw error
        }
    }

    private func connect(before deadline: ContinuousClock.Instant) async throws -> PostgresConnection {
        while true {
            if let nextAttempt, ContinuousClock.now < nextAttempt {
                guard nextAttempt < deadline else { throw lastFailure ?? timedOut() }
                try await Task.sleep(until: nextAttempt, clock: .continuous)
            }
            do {
                let connection = try await PostgresConnection.connect(to: configuration.connectionString,
                                                                      preparingStatements: configuration.preparesStatements)
                consecutiveFailures = 0
                nextAttempt = nil
                lastFailure = nil
                return connection
            } catch {
                if Self.isPermanent(error) { throw error }
                consecutiveFailures += 1
                lastFailure = error
                let factor = 1 << min(consecutiveFailures - 1, 16)
                nextAttempt = ContinuousClock.now + min(configuration.initialBackoff * factor, configuration.maximumBackoff)
                guard ContinuousClock.now < deadline else { throw error }
            }
        }
    }

    /// Failures that waiting will not cure: a malformed string, a wrong password, a role or
    /// database that does not exist. Everything else (refused, unreachable, starting up) is
    /// retried with backoff until the checkout deadline.
    static func isPermanent(_ error: PostgresError) -> Bool {
        switch error {
        case .invalidConnectionString: return true
        case .connectionFailed(let reason):
            return ["password authentication failed", "no password supplied", "does not exist", "no pg_hba.conf entry"]
                .contains { reason.contains($0) }
        default: return false
        }
    }

    private func waitForTurn(until deadline: ContinuousClock.Instant) async throws -> Handoff {
        let id = nextWaiterID
        nextWaiterID += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let timeout = Task { [weak self] in
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    guard !Task.isCancelled else { return }
                    await self?.expireWaiter(id, error: nil)
                }
                waiters.append(Waiter(id: id, continuation: continuation, timeout: timeout))
            }
        } onCancel: {
            Task { [weak self] in await self?.expireWaiter(id, error: CancellationError()) }
        }
    }

    private func expireWaiter(_ id: Int, error: (any Error)?) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.timeout?.cancel()
        waiter.continuation.resume(throwing: error ?? timedOut())
    }

    /// Resumes the longest-waiting caller with `handoff`; false when nobody waits.
    private func resumeNextWaiter(with handoff: Handoff) -> Bool {
        guard !waiters.isEmpty else { return false }
        let waiter = waiters.removeFirst()
        waiter.timeout?.cancel()
        waiter.continuation.resume(returning: handoff)
        return true
    }

    /// A place became free: reserve it for the first waiter, so a caller arriving later
    /// cannot take it first.
    private func handFreedSlotToNextWaiter() {
        guard !closed, !waiters.isEmpty else { return }
        openCount += 1
        _ = resumeNextWaiter(with: .reservedSlot)
    }

    private func timedOut() -> PostgresError {
        let waited = configuration.checkoutTimeout.components
        let milliseconds = Int(waited.seconds) * 1000 + Int(waited.attoseconds / 1_000_000_000_000_000)
        return .poolTimedOut(waitedMilliseconds: milliseconds, maximumConnections: configuration.maximumConnections)
    }

    // MARK: - Check-in

    private func checkIn(_ connection: PostgresConnection, after error: (any Error)?) async {
        let broken = (error as? PostgresError)?.breaksConnection ?? false
        let reusable = !closed && !broken && connection.wasIdleAfterLastCall
        guard reusable else {
            openCount -= 1
            await connection.close()
            handFreedSlotToNextWaiter()
            return
        }
        if !resumeNextWaiter(with: .connection(connection)) {
            idle.append(connection)
        }
    }
}
