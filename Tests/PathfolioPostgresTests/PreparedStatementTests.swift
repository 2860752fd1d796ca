import Foundation
import PathfolioPostgres
import PathfolioTestSupport
import Testing

@Suite("Statements are prepared once per connection, alone or in a pipeline")
struct PreparedStatementTests {
    let database: TestDatabase

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
    }

    private func prepared(on connection: PostgresConnection) async throws -> [String] {
        try await connection.execute(script: "SELECT statement FROM pg_prepared_statements ORDER BY prepare_time, name")
            .map { try $0.decode(String.self, at: 0) }
    }

    @Test("a statement run again uses its prepared form; another parameter type is another statement")
    func once() async throws {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        for value in 1...3 {
            #expect(try await connection.query("SELECT \(value)::int8 + 1")[0].decode(Int.self, at: 0) == value + 1)
        }
        #expect(try await prepared(on: connection) == ["SELECT $1::int8 + 1"])
        #expect(try await connection.query("SELECT \("7")::int8 + 1")[0].decode(Int.self, at: 0) == 8)
        #expect(try await prepared(on: connection).count == 2)
    }

    @Test("a pipeline prepares what it has not seen, once, and reuses it; a failed statement prepares nothing")
    func pipeline() async throws {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let rows = try await connection.pipeline(["SELECT \(1)::int8 AS n", "SELECT \(2)::int8 AS n", "SELECT 'x'::text"])
        #expect(try rows.map { try $0[0].decode(String.self, at: 0) } == ["1", "2", "x"])
        #expect(try await prepared(on: connection) == ["SELECT $1::int8 AS n", "SELECT 'x'::text"])
        await #expect(throws: PostgresError.self) {
            _ = try await connection.pipeline(["SELECT \(3)::int8 AS n", "SELECT * FROM no_such_table", "SELECT 2"])
        }
        #expect(try await prepared(on: connection).count == 2)
        #expect(try await connection.query("SELECT 2")[0].decode(Int.self, at: 0) == 2)
    }

    @Test("after DEALLOCATE ALL the next run fails once, then statements are prepared again")
    func deallocated() async throws {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        #expect(try await connection.query("SELECT \(1)::int8")[0].decode(Int.self, at: 0) == 1)
        try await connection.execute(script: "DEALLOCATE ALL")
        await #expect(throws: PostgresError.self) { _ = try await connection.query("SELECT \(1)::int8") }
        #expect(try await connection.query("SELECT \(1)::int8")[0].decode(Int.self, at: 0) == 1)
    }

    @Test("with preparing off, nothing is prepared")
    func off() async throws {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString, preparingStatements: false)
        _ = try await connection.query("SELECT \(1)::int8")
        _ = try await connection.pipeline(["SELECT \(1)::int8"])
        #expect(try await prepared(on: connection).isEmpty)
    }
}
