import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PathfolioAPI
import PathfolioCore
import PathfolioCrypto
import PathfolioHTTP
import PathfolioPostgres
import PathfolioTestSupport

/// A real server on a random port over a fresh database holding two institutions: the demo
/// (one person per role, the advisor advising and the assessor teaching learner 1 only) and
/// "other" (an admin and a learner), a small CASE framework imported in each, and a bearer
/// token for everyone. Tests call it over real sockets as each person.
final class APIWorld: @unchecked Sendable {
    /// An HTTP answer.
    struct Answer: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    enum Who: String, CaseIterable, Sendable {
        case admin, registrar, advisor, assessor, learner, otherLearner, foreignAdmin, foreignLearner
    }

    let database: TestDatabase
    let owner: PostgresConnection
    let pool: PostgresPool
    let server: HTTPServer
    let institution: InstitutionID
    let foreignInstitution: InstitutionID
    /// The key-encryption key the server seals signing keys with.
    let keyEncryptionKey: KeyEncryptionKey
    private(set) var people: [Who: PersonID] = [:]
    private(set) var tokens: [Who: String] = [:]
    /// Competencies of the test framework by human coding scheme (`M`, `M.1`, `M.2`, `M.3`).
    private(set) var competencies: [String: String] = [:]
    private(set) var foreignCompetencies: [String: String] = [:]

    static let frameworkPackage = """
        {"CFDocument": {"identifier": "6f0b8a8e-0000-4000-8000-000000000001", "uri": "https://example.test/doc",
          "creator": "Pathfolio tests", "title": "Test Math", "lastChangeDateTime": "2026-01-01T00:00:00+00:00",
          "CFPackageURI": {"identifier": "6f0b8a8e-0000-4000-8000-000000000001", "uri": "https://example.test/pkg", "title": "Test Math"}},
         "CFItems": [
          {"identifier": "6f0b8a8e-0000-4000-8000-000000000010", "uri": "https://example.test/M", "fullStatement": "Mathematics",
           "humanCodingScheme": "M", "lastChangeDateTime": "2026-01-01T00:00:00+00:00"},
          {"identifier": "6f0b8a8e-0000-4000-8000-000000000011", "uri": "https://example.test/M.1", "fullStatement": "Add fractions",
           "humanCodingScheme": "M.1", "lastChangeDateTime": "2026-01-01T00:00:00+00:00"},
          {"identifier": "6f0b8a8e-0000-4000-8000-000000000012", "uri": "https://example.test/M.2", "fullStatement": "Multiply fractions",
           "humanCodingScheme": "M.2", "lastChangeDateTime": "2026-01-01T00:00:00+00:00"},
          {"identifier": "6f0b8a8e-0000-4000-8000-000000000013", "uri": "https://example.test/M.3", "fullStatement": "Divide fractions",
           "humanCodingScheme": "M.3", "lastChangeDateTime": "2026-01-01T00:00:00+00:00"}],
         "CFAssociations": [
          \(association(20, "isChildOf", from: 11, to: 10)), \(association(21, "isChildOf", from: 12, to: 10)),
          \(association(22, "isChildOf", from: 13, to: 10)), \(association(23, "precedes", from: 11, to: 12)),
          \(association(24, "precedes", from: 12, to: 13))]}
        """

    private static func association(_ id: Int, _ type: String, from origin: Int, to destination: Int) -> String {
        func node(_ n: Int) -> String {
            #"{"identifier": "6f0b8a8e-0000-4000-8000-0000000000\#(n)", "uri": "https://example.test/\#(n)", "title": "\#(n)"}"#
        }
        return """
            {"identifier": "6f0b8a8e-0000-4000-8000-0000000000\(id)", "uri": "https://example.test/a\(id)",
             "associationType": "\(type)", "originNodeURI": \(node(origin)), "destinationNodeURI": \(node(destination)),
             "lastChangeDateTime": "2026-01-01T00:00:00+00:00"}
            """
    }

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
        owner = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let demo = try await DemoInstitution.load(on: owner)
        institution = demo.institution
        foreignInstitution = InstitutionID(UUID())
        pool = try database.makePool()
        keyEncryptionKey = try KeyEncryptionKey.generate()
        var configuration = try HTTPServerConfiguration(listen: "127.0.0.1:0")
        configuration.errorRenderer = ProblemDetails.serverErrorRenderer
        server = HTTPServer(configuration: configuration,
                            responder: PathfolioApplication(pool: pool, keyEncryptionKey: keyEncryptionKey, accessLog: { _ in }).router())
        try server.start()

        let sources: [(Who, String)] = [(.admin, "demo-admin"), (.registrar, "demo-registrar"), (.advisor, "demo-advisor"),
                                        (.assessor, "demo-assessor"), (.learner, "demo-learner-1"), (.otherLearner, "demo-learner-2")]
        try await owner.query("SELECT set_config('pathfolio.institution_id', \(institution.description), false)")
        for (who, source) in sources {
            people[who] = try await owner.query("SELECT id FROM people WHERE source_id = \(source)")[0].decode(PersonID.self, at: 0)
        }
        try await owner.query("""
            INSERT INTO institutions (id, slug, name) VALUES (\(foreignInstitution), 'other', 'Other School')
            """)
        try await owner.query("SELECT set_config('pathfolio.institution_id', \(foreignInstitution.description), false)")
        for (who, role) in [(Who.foreignAdmin, "admin"), (.foreignLearner, "learner")] {
            let id = PersonID(UUID())
            try await owner.query("""
                INSERT INTO people (id, institution_id, given_name, family_name) VALUES (\(id), \(foreignInstitution), 'F', \(role))
                """)
            try await owner.query("INSERT INTO person_roles (institution_id, person_id, role) VALUES (\(foreignInstitution), \(id), \(role))")
            people[who] = id
        }
        try await owner.query("SELECT set_config('pathfolio.institution_id', '', false)")
        for who in Who.allCases {
            let token = try BearerToken.generate()
            let home = [.foreignAdmin, .foreignLearner].contains(who) ? foreignInstitution : institution
            try await ApiTokenStore(pool: pool).insert(id: UUID(), hash: token.hash, institution: home, person: people[who]!,
                                                       label: "test", expiresAt: nil)
            tokens[who] = token.secret
        }
        // Relationships through the API, as an admin would set them: the demo relates both
        // learners; here only learner 1 stays advised and taught.
        for path in ["/v1/advisors/\(people[.advisor]!)/advisees/", "/v1/assessors/\(people[.assessor]!)/learners/"] {
            let kept = try await call("PUT", path + "\(people[.learner]!)", as: .admin)
            let removed = try await call("DELETE", path + "\(people[.otherLearner]!)", as: .admin)
            precondition(kept.status == 204 && removed.status == 204, "relationships: \(kept.status) \(removed.status)")
        }
        for (who, prefix) in [(Who.admin, "6f0b8a8e"), (.foreignAdmin, "7f0b8a8e")] {
            let package = Self.frameworkPackage.replacingOccurrences(of: "6f0b8a8e", with: prefix)
            let answer = try await call("POST", "/v1/frameworks/import", as: who, body: Data(package.utf8))
            precondition(answer.status == 201 || answer.status == 200, "framework import failed: \(answer.status) \(answer.text)")
        }
        for (code, suffix) in [("M", "10"), ("M.1", "11"), ("M.2", "12"), ("M.3", "13")] {
            competencies[code] = "6f0b8a8e-0000-4000-8000-0000000000\(suffix)"
            foreignCompetencies[code] = "7f0b8a8e-0000-4000-8000-0000000000\(suffix)"
        }
    }

    func shutdown() async {
        await server.shutdown(grace: .seconds(1))
        await pool.close()
        await owner.close()
    }

    func id(_ who: Who) -> String { people[who]!.description }

    /// Calls the server as `who` (or anonymously).
    func call(_ method: String, _ path: String, as who: Who? = nil, json: Any? = nil, body: Data? = nil,
              headers: [String: String] = [:]) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.localPort!)\(path)")!)
        request.httpMethod = method
        if let who { request.setValue("Bearer \(tokens[who]!)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let body {
            request.httpBody = body
            if headers["Content-Type"] == nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var headerFields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { headerFields["\(name)"] = "\(value)" }
        return Answer(status: http.statusCode, headers: headerFields, body: data)
    }

    /// Counts rows of a table across all institutions (as the superuser, bypassing RLS).
    func count(_ table: String) async throws -> Int {
        let superuser = try await PostgresConnection.connect(to: database.superuserConnectionString)
        defer { Task { await superuser.close() } }
        return try await superuser.query("SELECT count(*) FROM \(unescaped: table)")[0].decode(Int.self, at: 0)
    }

    /// Runs SQL as the superuser (bypassing row-level security): for what the API cannot set up,
    /// such as timestamps in the past.
    func execute(_ sql: String) async throws {
        let superuser = try await PostgresConnection.connect(to: database.superuserConnectionString)
        defer { Task { await superuser.close() } }
        _ = try await superuser.execute(script: sql)
    }

    /// A new person of the demo institution, made through the API by the admin, and a bearer
    /// token of theirs (pass it as `headers: ["Authorization": "Bearer …"]`).
    func newPerson(_ given: String, _ family: String, roles: [String]) async throws -> (id: String, token: String) {
        let person = try await call("POST", "/v1/people", as: .admin, json: ["givenName": given, "familyName": family, "roles": roles])
        precondition(person.status == 201, "person: \(person.status) \(person.text)")
        let id = person.json["id"] as! String
        let token = try await call("POST", "/v1/tokens", as: .admin, json: ["personId": id])
        precondition(token.status == 201, "token: \(token.status) \(token.text)")
        return (id, token.json["token"] as! String)
    }

    /// Submits text evidence as `who` for the demo learner claiming `codes`; returns its id.
    func submitEvidence(_ codes: [String], as who: Who = .learner, learner: Who = .learner, title: String = "My work") async throws -> String {
        let answer = try await call("POST", "/v1/learners/\(id(learner))/evidence", as: who, json: [
            "kind": "text", "title": title, "text": "I added 1/2 and 1/3.", "competencyIds": codes.map { competencies[$0]! },
        ])
        precondition(answer.status == 201, "evidence submission failed: \(answer.status) \(answer.text)")
        return answer.json["id"] as! String
    }

    /// Rates evidence as the assessor.
    func review(_ evidence: String, _ ratings: [(String, Any)], outcome: String = "accepted", supersedes: [String: String] = [:]) async throws -> Answer {
        try await call("POST", "/v1/evidence/\(evidence)/reviews", as: .assessor, json: [
            "outcome": outcome,
            "ratings": ratings.map { code, points -> [String: Any] in
                var rating: [String: Any] = ["competencyId": competencies[code]!, "points": points]
                if let old = supersedes[code] { rating["supersedes"] = old }
                return rating
            },
        ])
    }
}
