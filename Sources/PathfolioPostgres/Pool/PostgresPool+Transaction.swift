/// The isolation level of a transaction.
public enum PostgresIsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension PostgresPool {
    /// Runs `body` inside a transaction: it commits when `body` returns and rolls back when
    /// it throws (a failing rollback never hides `body`'s error).
    ///
    /// `settings` are transaction-local configuration values (`set_config(name, value, true)`,
    /// i.e. `SET LOCAL`), sent with `BEGIN` in the same round trip; row-level security reads
    /// the tenant from one of them.
    ///
    /// On a serialization failure or a deadlock the whole closure runs again, up to
    /// `maximumAttempts` times in all, so `body` must have no effects outside the transaction.
    public func withTransaction<T>(
        isolation: isolated (any Actor)? = #isolation,
        level: PostgresIsolationLevel = .readCommitted,
        settings: [(name: String, value: String)] = [],
        maximumAttempts: Int = 5,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var opening = PostgresBatch()
        for setting in settings {
            opening.add(PostgresStatement("SELECT set_config(\(setting.name), \(setting.value), true)"))
        }
        return try await withTransaction(isolation: isolation, level: level, opening: opening,
                                         maximumAttempts: maximumAttempts) { connection, opened in
            try opened.check()
            return try await body(connection)
        }
    }

    /// Runs `body` inside a transaction whose first round trip carries `opening` too: `BEGIN`
    /// and the batch's statements go in one pipeline, and `body` gets what they returned (the
    /// results up to the first failure, and that failure: `body` decides what it means).
    ///
    /// The transaction commits when `body` returns, unless `body` already ended it (by sending
    /// `COMMIT` with its last statements, saving the round trip); it rolls back when `body`
    /// throws. Serialization failures and deadlocks run everything again, as
    /// ``withTransaction(isolation:level:settings:maximumAttempts:_:)`` does.
    public func withTransaction<T>(
        isolation: isolated (any Actor)? = #isolation,
        level: PostgresIsolationLevel = .readCommitted,
        opening: PostgresBatch,
        maximumAttempts: Int = 5,
        _ body: (PostgresConnection, PostgresBatchResults) async throws -> T
    ) async throws -> T {
        var attempt = 1
        var batch = PostgresBatch()
        batch.add(PostgresQuery(unsafeSQL: "BEGIN ISOLATION LEVEL \(level.rawValue)"))
        for query in opening.queries { batch.add(query) }
        while true {
            do {
                return try await withConnection { connection in
                    let results = try await connection.send(batch)
                    do {
                        let value = try await body(connection, results.droppingFirst())
                        // Still in the transaction unless the body committed with its last batch.
                        if !connection.wasIdleAfterLastCall {
                            try await connection.execute(script: "COMMIT")
                        }
                        return value
                    } catch {
                        // The original error is what the caller needs; if the rollback
                        // fails too, the pool discards the connection (not idle).
                        if !connection.wasIdleAfterLastCall {
                            _ = try? await connection.execute(script: "ROLLBACK")
                        }
                        throw error
                    }
                }
            } catch let error as PostgresError where error.sqlState?.isTransient == true && attempt < maximumAttempts {
                attempt += 1
                // Jittered pause so that two retrying transactions do not collide again.
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(10 * attempt))))
            }
        }
    }
}
