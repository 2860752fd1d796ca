import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PathfolioAPI
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres
import PathfolioTestSupport
import Testing

@Suite("Operations endpoints over a real socket and a real PostgreSQL")
struct OperationsEndpointTests {
    /// Runs `body` against a server on an ephemeral loopback port.
    private func withServer(pool: PostgresPool, _ body: (URL) async throws -> Void) async throws {
        var configuration = try HTTPServerConfiguration(listen: "127.0.0.1:0")
        configuration.errorRenderer = ProblemDetails.serverErrorRenderer
        let application = PathfolioApplication(pool: pool, accessLog: { _ in })
        let server = HTTPServer(configuration: configuration, responder: application.router())
        try server.start()
        do {
            try await body(URL(string: "http://127.0.0.1:\(server.localPort!)")!)
        } catch {
            await server.shutdown(grace: .seconds(1))
            throw error
        }
        await server.shutdown(grace: .seconds(1))
    }

    private func get(_ url: URL) async throws -> (status: Int, contentType: String, body: String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = response as! HTTPURLResponse
        return (http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", String(decoding: data, as: UTF8.self))
    }

    @Test("healthz and readyz answer 200 when PostgreSQL is reachable")
    func healthy() async throws {
        let database = try await TestPostgres.shared.makeDatabase()
        let pool = try database.makePool()
        try await withServer(pool: pool) { base in
            let health = try await get(base.appendingPathComponent("healthz"))
            #expect(health.status == 200)
            #expect(health.body == #"{"status":"ok"}"#)
            let ready = try await get(base.appendingPathComponent("readyz"))
            #expect(ready.status == 200)
            #expect(ready.body.contains("ready"))
            let metrics = try await get(base.appendingPathComponent("metrics"))
            #expect(metrics.status == 200)
            #expect(metrics.contentType.hasPrefix("text/plain"))
            #expect(metrics.body.contains("status=\"200\""))
        }
    }

    @Test("readyz answers 503 problem+json when PostgreSQL cannot be reached; healthz stays 200")
    func notReady() async throws {
        let pool = try PostgresPool(configuration: .init(
            connectionString: "host=/nonexistent-pathfolio-socket dbname=x", checkoutTimeout: .milliseconds(300)))
        try await withServer(pool: pool) { base in
            let ready = try await get(base.appendingPathComponent("readyz"))
            #expect(ready.status == 503)
            #expect(ready.contentType == "application/problem+json")
            let problem = try JSONSerialization.jsonObject(with: Data(ready.body.utf8)) as! [String: Any]
            #expect(problem["status"] as? Int == 503)
            #expect(problem["detail"] as? String == "The database cannot be reached.")
            #expect(!ready.body.contains("nonexistent-pathfolio-socket"), "internal details stay in the log")
            #expect(try await get(base.appendingPathComponent("healthz")).status == 200)
        }
    }

    @Test("an unknown path is a 404 problem document")
    func unknownPath() async throws {
        let database = try await TestPostgres.shared.makeDatabase()
        try await withServer(pool: try database.makePool()) { base in
            let missing = try await get(base.appendingPathComponent("v1/nothing-here"))
            #expect(missing.status == 404)
            #expect(missing.contentType == "application/problem+json")
            #expect(missing.body.contains(#""status":404"#))
        }
    }
}

@Suite("Tokens and the demo institution")
struct TokenAndDemoTests {
    @Test("a generated token is random, stored only as its hash, and resolves to its holder")
    func tokenRoundTrip() async throws {
        let database = try await TestPostgres.shared.makeDatabase()
        let owner = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let demo = try await DemoInstitution.load(on: owner)
        let pool = try database.makePool()
        let first = try BearerToken.generate()
        let second = try BearerToken.generate()
        #expect(first.secret != second.secret)
        #expect(first.secret.hasPrefix("pf_") && first.secret.count == 46)
        try await ApiTokenStore(pool: pool).insert(
            id: UUID(), hash: first.hash, institution: demo.institution, person: demo.admin, label: "test", expiresAt: nil)
        let holder = try await ApiTokenStore(pool: pool).holder(ofHash: first.hash)
        #expect(holder?.personID == demo.admin)
        #expect(holder?.institutionID == demo.institution)
        #expect(try await ApiTokenStore(pool: pool).holder(ofHash: second.hash) == nil)
        // The secret itself is nowhere in the table.
        let stored = try await owner.query("SELECT count(*)::int8 FROM api_tokens WHERE encode(token_hash, 'escape') LIKE \("%" + first.secret + "%")")
        #expect(try stored[0].decode(Int.self, at: 0) == 0)
        await pool.close()
    }

    @Test("loading the demo twice keeps one institution with one person per role")
    func demoIdempotent() async throws {
        let database = try await TestPostgres.shared.makeDatabase()
        let owner = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let first = try await DemoInstitution.load(on: owner)
        let second = try await DemoInstitution.load(on: owner)
        #expect(first.institution == second.institution)
        #expect(first.admin == second.admin)
        // Forced row-level security holds even for the owner: without a tenant it sees no one.
        let unscoped = try await owner.query("SELECT count(*)::int8 FROM people")
        #expect(try unscoped[0].decode(Int.self, at: 0) == 0)
        let superuser = try await PostgresConnection.connect(to: database.superuserConnectionString)
        let counts = try await superuser.query("""
            SELECT (SELECT count(*) FROM institutions)::int8, (SELECT count(*) FROM people)::int8,
                   (SELECT count(DISTINCT role) FROM person_roles)::int8
            """)
        #expect(try counts[0].decode(Int.self, at: 0) == 1)
        #expect(try counts[0].decode(Int.self, at: 1) == 6)
        #expect(try counts[0].decode(Int.self, at: 2) == 5)
    }
}
