import Foundation
import PathfolioPostgres
import PathfolioTestSupport
import Testing

@Suite("Row-level security isolates institutions for the service's role")
struct RowLevelSecurityTests {
    let database: TestDatabase
    let first = UUID()
    let second = UUID()

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
        let owner = try await PostgresConnection.connect(to: database.ownerConnectionString)
        for (id, slug) in [(first, "first"), (second, "second")] {
            try await owner.query("INSERT INTO institutions (id, slug, name) VALUES (\(id), \(slug), \(slug))")
            _ = try await owner.pipeline([
                "SELECT set_config('pathfolio.institution_id', \(id.uuidString), false)",
                "INSERT INTO people (id, institution_id, given_name, family_name) VALUES (\(UUID()), \(id), 'Ada', \(slug))",
            ])
        }
    }

    @Test("without the tenant setting, the service's role sees no one")
    func noTenantNoRows() async throws {
        let app = try await PostgresConnection.connect(to: database.appConnectionString)
        #expect(try await app.query("SELECT count(*)::int8 FROM people")[0].decode(Int.self, at: 0) == 0)
        #expect(try await app.query("SELECT count(*)::int8 FROM institutions")[0].decode(Int.self, at: 0) == 0)
    }

    @Test("with the tenant set locally, it sees exactly that institution's rows")
    func tenantRows() async throws {
        let pool = try database.makePool()
        let names = try await pool.withTransaction(settings: [("pathfolio.institution_id", first.uuidString)]) { connection in
            try await connection.query("SELECT family_name FROM people").map { try $0.decode(String.self, at: 0) }
        }
        #expect(names == ["first"])
        // The setting ended with the transaction.
        #expect(try await pool.query("SELECT count(*)::int8 FROM people")[0].decode(Int.self, at: 0) == 0)
        await pool.close()
    }

    @Test("it cannot write a row into another institution")
    func crossTenantWrite() async throws {
        let pool = try database.makePool()
        await #expect {
            try await pool.withTransaction(settings: [("pathfolio.institution_id", first.uuidString)]) { connection in
                try await connection.query("""
                    INSERT INTO people (id, institution_id, given_name, family_name)
                    VALUES (\(UUID()), \(second), 'Eve', 'intruder')
                    """)
            }
        } throws: { ($0 as? PostgresError)?.sqlState == .insufficientPrivilege }
        await pool.close()
    }

    @Test("the audit log is append-only for the service's role")
    func auditAppendOnly() async throws {
        let pool = try database.makePool()
        await #expect {
            try await pool.withTransaction(settings: [("pathfolio.institution_id", first.uuidString)]) { connection in
                try await connection.query("INSERT INTO audit_log (institution_id, action, target_type) VALUES (\(first), 'test', 'nothing')")
                try await connection.query("DELETE FROM audit_log")
            }
        } throws: { ($0 as? PostgresError)?.sqlState == .insufficientPrivilege }
        await pool.close()
    }
}
