import Foundation
import PathfolioPostgres
import PathfolioTestSupport
import Testing

@Suite("Server errors keep their SQLSTATE and never leak bound values")
struct ErrorTests {
    let database: TestDatabase
    let connection: PostgresConnection

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
        connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        try await connection.execute(script: """
            CREATE TABLE parent (id int PRIMARY KEY);
            CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id),
                                email text UNIQUE, score numeric CHECK (score >= 0) );
            INSERT INTO parent VALUES (1);
            """)
    }

    private func sqlState(of query: PostgresQuery) async -> (SQLState?, PostgresError?) {
        do {
            try await connection.query(query)
            return (nil, nil)
        } catch {
            return (error.sqlState, error)
        }
    }

    @Test("constraint violations map to named SQLSTATEs with the constraint")
    func constraints() async throws {
        let secret = "zoe.secret@example.org"
        try await connection.query("INSERT INTO child (id, parent_id, email) VALUES (1, 1, \(secret))")
        let (unique, uniqueError) = await sqlState(of: "INSERT INTO child (id, parent_id, email) VALUES (2, 1, \(secret))")
        #expect(unique == .uniqueViolation)
        let description = "\(uniqueError!)"
        #expect(description.contains("child_email_key"))
        #expect(!description.contains(secret), "the description must not contain the bound value")
        if case .server(let server) = uniqueError { #expect(server.detail?.contains(secret) == true) }

        #expect(await sqlState(of: "INSERT INTO child (id, parent_id) VALUES (3, \(99))").0 == .foreignKeyViolation)
        #expect(await sqlState(of: "INSERT INTO child (id, score) VALUES (4, \(Decimal(-1)))").0 == .checkViolation)
        #expect(await sqlState(of: "INSERT INTO child (id) VALUES (\(Optional<Int>.none))").0 == .notNullViolation)
    }

    @Test("bad input text is a data exception whose description omits the value")
    func invalidText() async throws {
        let (state, error) = await sqlState(of: "SELECT \("learner-4711-not-a-uuid")::text::uuid")
        #expect(state == .invalidTextRepresentation)
        #expect(!"\(error!)".contains("learner-4711"))
    }

    @Test("syntax errors and undefined tables keep their message")
    func syntax() async throws {
        let (state, error) = await sqlState(of: "SELEKT 1")
        #expect(state == .syntaxError)
        #expect("\(error!)".contains("syntax error"))
        #expect(await sqlState(of: "SELECT * FROM no_such_table").0 == .undefinedTable)
    }

    @Test("the connection stays usable after a failed statement")
    func usableAfterError() async throws {
        _ = await sqlState(of: "SELECT 1/0")
        let rows = try await connection.query("SELECT 42")
        #expect(try rows[0].decode(Int32.self, at: 0) == 42)
    }

    @Test("a malformed connection string is reported as such, before any network")
    func malformedConnectionString() async {
        await #expect {
            _ = try await PostgresConnection.connect(to: "postgresql://user@host:5432/db?no_such_option=1")
        } throws: { error in
            guard case .invalidConnectionString = error as? PostgresError else { return false }
            return true
        }
        #expect(throws: PostgresError.self) { _ = try PostgresPool(configuration: .init(connectionString: "host=x bogus_option=1")) }
    }

    @Test("an unreachable server and a wrong user are connection failures with libpq's reason")
    func unreachable() async {
        await #expect {
            _ = try await PostgresConnection.connect(to: "host=/nonexistent-socket-dir dbname=x")
        } throws: { error in
            guard case .connectionFailed(let reason) = error as? PostgresError else { return false }
            return reason.contains("nonexistent-socket-dir")
        }
        await #expect {
            _ = try await PostgresConnection.connect(to: database.cluster.connectionString(database: database.name, user: "nobody_here"))
        } throws: { error in
            guard case .connectionFailed(let reason) = error as? PostgresError else { return false }
            return reason.contains("nobody_here")
        }
    }
}
