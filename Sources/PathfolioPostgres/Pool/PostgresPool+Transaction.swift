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
        var attempt = 1
        while true {
            do {
                return try await withConnection { connection in
                    var begin: [PostgresQuery] = [PostgresQuery(unsafeSQL: "BEGIN ISOLATION LEVEL \(level.rawValue)")]
                    for setting in settings {
                        begin.append("SELECT set_config(\(setting.name), \(setting.value), true)")
                    }
                    _ = try await connection.pipeline(begin)
                    do {
                        let value = try await body(connection)
                        try await connection.execute(script: "COMMIT")
                        return value
                    } catch {
                        // The original error is what the caller needs; if the rollback
                        // fails too, the pool discards the connection (not idle).
                        _ = try? await connection.execute(script: "ROLLBACK")
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
