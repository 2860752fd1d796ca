import Foundation
import PathfolioPostgres
import PathfolioTestSupport
import Synchronization
import Testing

@Suite("Transactions commit, roll back and retry")
struct TransactionTests {
    let database: TestDatabase
    let pool: PostgresPool

    struct Refused: Error {}

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
        pool = try database.makePool(maximumConnections: 4, asOwner: true)
        try await pool.query("CREATE TABLE counters (name text PRIMARY KEY, value int NOT NULL)")
        try await pool.query("INSERT INTO counters VALUES ('a', 0), ('b', 0)")
    }

    private func value(_ name: String) async throws -> Int {
        try await pool.query("SELECT value FROM counters WHERE name = \(name)")[0].decode(Int.self, at: 0)
    }

    @Test("returning commits")
    func commit() async throws {
        _ = try await pool.withTransaction { connection in
            try await connection.query("UPDATE counters SET value = 5 WHERE name = 'a'")
        }
        #expect(try await value("a") == 5)
    }

    @Test("throwing rolls back and rethrows the caller's error")
    func rollback() async throws {
        await #expect(throws: Refused.self) {
            try await pool.withTransaction { connection in
                try await connection.query("UPDATE counters SET value = 9 WHERE name = 'a'")
                throw Refused()
            }
        }
        #expect(try await value("a") == 0)
    }

    @Test("a failed statement rolls back what came before it in the transaction")
    func failedStatement() async throws {
        await #expect(throws: PostgresError.self) {
            try await pool.withTransaction { connection in
                try await connection.query("UPDATE counters SET value = 7 WHERE name = 'a'")
                try await connection.query("INSERT INTO counters VALUES ('a', 1)")
            }
        }
        #expect(try await value("a") == 0)
    }

    @Test("transaction settings are local to the transaction")
    func settings() async throws {
        let inside = try await pool.withTransaction(settings: [("pathfolio.test", "inside")]) { connection in
            try await connection.query("SELECT current_setting('pathfolio.test')")[0].decode(String.self, at: 0)
        }
        #expect(inside == "inside")
        let after = try await pool.query("SELECT coalesce(current_setting('pathfolio.test', true), '')")[0].decode(String.self, at: 0)
        #expect(after == "")
    }

    @Test("two conflicting serializable transactions both complete through retries")
    func serializationRetry() async throws {
        let attempts = Counter()
        let bothRead = Counter()
        // Each reads both counters, waits until the other has read too, then writes one:
        // a write skew that SERIALIZABLE refuses for one of them the first time.
        func transfer(into target: String) async throws {
            try await pool.withTransaction(level: .serializable) { connection in
                let attempt = attempts.increment()
                let total = try await connection.query("SELECT sum(value)::int8 FROM counters")[0].decode(Int.self, at: 0)
                if attempt <= 2 {
                    bothRead.increment()
                    while bothRead.value < 2 { try await Task.sleep(for: .milliseconds(5)) }
                }
                try await connection.query("UPDATE counters SET value = \(total + 1) WHERE name = \(target)")
            }
        }
        async let first: Void = transfer(into: "a")
        async let second: Void = transfer(into: "b")
        _ = try await (first, second)
        #expect(attempts.value >= 3, "one of the two must have been retried")
        // Serial outcome: one wrote 1, the other then saw 1 and wrote 2.
        let values = [try await value("a"), try await value("b")].sorted()
        #expect(values == [1, 2])
    }

    @Test("the pipeline sends several statements in one round trip, all or nothing")
    func pipeline() async throws {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let results = try await connection.pipeline([
            "UPDATE counters SET value = value + 1 WHERE name = \("a")",
            "UPDATE counters SET value = value + 2 WHERE name = \("b")",
            "SELECT name, value FROM counters ORDER BY name",
        ])
        #expect(results.count == 3)
        #expect(results[0].affectedRows == 1)
        #expect(try results[2].map { try $0.decode(Int.self, named: "value") } == [1, 2])

        await #expect(throws: PostgresError.self) {
            try await connection.pipeline([
                "UPDATE counters SET value = 100 WHERE name = 'a'",
                "INSERT INTO counters VALUES ('b', 0)",
                "UPDATE counters SET value = 100 WHERE name = 'b'",
            ])
        }
        #expect(try await value("a") == 1)
        #expect(try await value("b") == 2)
        #expect(await connection.transactionStatus == .idle)
        // Still usable afterwards.
        #expect(try await connection.pipeline(["SELECT 1"]).count == 1)
    }

    @Test("a value that cannot be sent fails the pipeline before anything is sent; the connection stays usable")
    func unencodableInPipeline() async throws {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        await #expect(throws: PostgresError.self) {
            try await connection.pipeline([
                "UPDATE counters SET value = 50 WHERE name = 'a'",
                "SELECT \("nul\u{0}byte")::text",
            ])
        }
        #expect(try await connection.query("SELECT 7")[0].decode(Int32.self, at: 0) == 7)
        #expect(try await value("a") == 0)
    }

    @Test("a failing pipeline inside withTransaction leaves the whole transaction to roll back")
    func pipelineInsideTransaction() async throws {
        await #expect(throws: PostgresError.self) {
            try await pool.withTransaction { connection in
                try await connection.query("UPDATE counters SET value = 11 WHERE name = 'b'")
                do {
                    _ = try await connection.pipeline(["INSERT INTO counters VALUES ('a', 0)"])
                } catch {
                    // The caller's transaction is failed, not silently ended: its next
                    // statement is refused instead of autocommitting.
                    #expect(await connection.transactionStatus == .failedTransaction)
                    throw error
                }
            }
        }
        #expect(try await value("b") == 0)
    }
}
