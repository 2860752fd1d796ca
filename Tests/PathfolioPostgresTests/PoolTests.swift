import Foundation
import PathfolioPostgres
import PathfolioTestSupport
import Synchronization
import Testing

@Suite("The pool bounds, recovers and queues")
struct PoolTests {
    let database: TestDatabase

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
    }

    /// Checks out the pool's one connection and keeps it until `release` is called.
    private func holdOnlyConnection(of pool: PostgresPool) async -> (holder: Task<Void, any Error>, release: @Sendable () -> Void) {
        let holding = AsyncStream<Void>.makeStream()
        let released = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await pool.withConnection { _ in
                holding.continuation.yield()
                for await _ in released.stream { break }
            }
        }
        for await _ in holding.stream { break }
        return (holder, { released.continuation.yield() })
    }

    @Test("200 concurrent tasks share a pool of 4 and all succeed")
    func manyTasksSmallPool() async throws {
        let pool = try database.makePool(maximumConnections: 4, asOwner: true)
        let results = try await withThrowingTaskGroup(of: (value: Int, open: Int).self) { group in
            for value in 1...200 {
                group.addTask {
                    let rows = try await pool.query("SELECT \(value)::int8 + 0")
                    return (try rows[0].decode(Int.self, at: 0), await pool.openConnections)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let sum: Int = results.map(\.value).reduce(0, +)
        #expect(sum == 20_100)
        #expect(results.map(\.open).max()! <= 4)
        #expect(await pool.openConnections <= 4)
        await pool.close()
    }

    @Test("an exhausted pool times out with a clear error")
    func exhaustion() async throws {
        let pool = try database.makePool(maximumConnections: 1, checkoutTimeout: .milliseconds(200), asOwner: true)
        let (holder, release) = await holdOnlyConnection(of: pool)
        await #expect {
            try await pool.query("SELECT 1")
        } throws: { error in
            guard case .poolTimedOut(_, let maximum) = error as? PostgresError else { return false }
            return maximum == 1 && "\(error)".contains("no PostgreSQL connection became free")
        }
        release()
        try await holder.value
        // Once the holder is done, the pool serves again.
        #expect(try await pool.query("SELECT 1").count == 1)
        await pool.close()
    }

    @Test("a backend killed with pg_terminate_backend is replaced; the next query succeeds")
    func terminatedBackend() async throws {
        let pool = try database.makePool(maximumConnections: 1, asOwner: true)
        let pid = try await pool.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
        let killer = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let killed = try await killer.query("SELECT pg_terminate_backend(\(pid), 5000)")[0].decode(Bool.self, at: 0)
        #expect(killed)
        let newPid = try await pool.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
        #expect(newPid != pid)
        #expect(await pool.openConnections == 1)
        await pool.close()
    }

    @Test("a connection killed in the middle of a checkout fails that call and is not reused")
    func killedWhileCheckedOut() async throws {
        let pool = try database.makePool(maximumConnections: 1, asOwner: true)
        let killer = try await PostgresConnection.connect(to: database.ownerConnectionString)
        await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in
                let pid = await connection.backendProcessID
                try await killer.query("SELECT pg_terminate_backend(\(pid), 5000)")
                try await connection.query("SELECT 1")
            }
        }
        #expect(try await pool.query("SELECT 2")[0].decode(Int32.self, at: 0) == 2)
        await pool.close()
    }

    @Test("a caller whose checkout is cancelled stops waiting")
    func cancellation() async throws {
        let pool = try database.makePool(maximumConnections: 1, checkoutTimeout: .seconds(30), asOwner: true)
        let (holder, release) = await holdOnlyConnection(of: pool)
        let waiter = Task { try await pool.query("SELECT 1") }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        release()
        try await holder.value
        await pool.close()
    }

    @Test("a multi-host connection string skips the host that does not answer and finds the primary")
    func multiHost() async throws {
        let socket = database.cluster.socketDirectory
        let pool = try PostgresPool(configuration: .init(connectionString:
            "host=/nonexistent-pathfolio-host,\(socket) port=5432,5432 dbname=\(database.name) user=postgres target_session_attrs=read-write"))
        let readOnly = try await pool.query("SELECT pg_is_in_recovery()")[0].decode(Bool.self, at: 0)
        #expect(readOnly == false)
        await pool.close()
    }

    @Test("the checkout hook runs on every checkout")
    func checkoutHook() async throws {
        let count = Counter()
        let pool = try PostgresPool(configuration: .init(
            connectionString: database.ownerConnectionString, maximumConnections: 2,
            onCheckout: { connection in
                count.increment()
                try await connection.query("SET application_name = 'hooked'")
            }))
        for _ in 0..<3 {
            let name = try await pool.query("SELECT current_setting('application_name')")[0].decode(String.self, at: 0)
            #expect(name == "hooked")
        }
        #expect(count.value == 3)
        await pool.close()
    }
}
