import Foundation
import PathfolioPostgres
import PathfolioTestSupport
import Testing

@Suite("Migrations apply once, in order, and refuse drift")
struct MigrationTests {
    let database: TestDatabase
    let connection: PostgresConnection
    let folder: String

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
        // A blank database: the test databases are cloned from an already migrated template.
        let admin = try await PostgresConnection.connect(to: database.ownerConnectionString)
        try await admin.execute(script: "CREATE DATABASE \(database.name)_blank")
        connection = try await PostgresConnection.connect(to: database.cluster.connectionString(database: "\(database.name)_blank"))
        folder = database.cluster.root + "/migrations-\(UUID().uuidString)"  // removed with the cluster
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try write("0001_first.sql", "CREATE TABLE first (id int);")
        try write("0002_second.sql", "CREATE TABLE second (id int);")
    }

    private func write(_ name: String, _ sql: String) throws {
        try sql.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }

    private func runner() throws -> MigrationRunner {
        MigrationRunner(migrations: try Migration.load(from: folder))
    }

    @Test("pending migrations apply in order and a second run applies nothing")
    func appliesOnce() async throws {
        #expect(try await runner().status(on: connection).map(\.state) == [.pending, .pending])
        #expect(try await runner().migrate(on: connection) == ["0001_first.sql", "0002_second.sql"])
        #expect(try await runner().migrate(on: connection) == [])
        try await runner().verify(on: connection)
        let statuses = try await runner().status(on: connection)
        #expect(statuses.allSatisfy { if case .applied = $0.state { true } else { false } })
    }

    @Test("a changed applied file stops migrate and verify, naming the file")
    func changedFile() async throws {
        try await runner().migrate(on: connection)
        try write("0001_first.sql", "CREATE TABLE first (id bigint);")
        await #expect { try await runner().migrate(on: connection) } throws: { error in
            "\(error)".contains("0001_first.sql") && "\(error)".contains("changed")
        }
        await #expect { try await runner().verify(on: connection) } throws: { "\($0)".contains("0001_first.sql") }
    }

    @Test("a missing applied file stops migrate, naming the file")
    func missingFile() async throws {
        try await runner().migrate(on: connection)
        try FileManager.default.removeItem(atPath: folder + "/0002_second.sql")
        await #expect { try await runner().migrate(on: connection) } throws: { error in
            "\(error)".contains("0002_second.sql") && "\(error)".contains("missing")
        }
    }

    @Test("a failing migration is rolled back whole and named; earlier ones stay")
    func failingMigration() async throws {
        try write("0003_broken.sql", "CREATE TABLE third (id int); SELECT no_such_function();")
        await #expect { try await runner().migrate(on: connection) } throws: { "\($0)".contains("0003_broken.sql") }
        let tables = try await connection.query("SELECT count(*)::int8 FROM pg_tables WHERE tablename IN ('first', 'second', 'third')")
        #expect(try tables[0].decode(Int.self, at: 0) == 2)
        await #expect { try await runner().verify(on: connection) } throws: { "\($0)".contains("pending") }
    }

    @Test("verify reports pending migrations so serve refuses to start")
    func pending() async throws {
        await #expect { try await runner().verify(on: connection) } throws: { error in
            guard case .pending(let names) = error as? MigrationError else { return false }
            return names == ["0001_first.sql", "0002_second.sql"]
        }
    }

    @Test("badly named files are refused")
    func badName() throws {
        try write("12_short.sql", "SELECT 1;")
        #expect { try Migration.load(from: folder) } throws: { "\($0)".contains("12_short.sql") }
    }

    @Test("concurrent migrators apply each migration exactly once")
    func concurrentMigrators() async throws {
        let other = try await PostgresConnection.connect(to: database.cluster.connectionString(database: "\(database.name)_blank"))
        let migrations = try Migration.load(from: folder)
        async let first = MigrationRunner(migrations: migrations).migrate(on: connection)
        async let second = MigrationRunner(migrations: migrations).migrate(on: other)
        let applied = try await first + second
        #expect(applied.sorted() == ["0001_first.sql", "0002_second.sql"])
        let count = try await connection.query("SELECT count(*)::int8 FROM schema_migrations")[0].decode(Int.self, at: 0)
        #expect(count == 2)
    }
}
