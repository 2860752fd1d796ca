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

@Suite("GET /v1/me authenticates bearer tokens")
struct MeEndpointTests {
    let database: TestDatabase
    let owner: PostgresConnection
    let demo: DemoInstitution.Loaded
    let pool: PostgresPool

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
        owner = try await PostgresConnection.connect(to: database.ownerConnectionString)
        demo = try await DemoInstitution.load(on: owner)
        pool = try database.makePool()
    }

    private func issueToken(expiredOrRevoked state: String? = nil) async throws -> BearerToken {
        let token = try BearerToken.generate()
        let id = UUID()
        try await ApiTokenStore(pool: pool).insert(
            id: id, hash: token.hash, institution: demo.institution, person: demo.admin, label: "test", expiresAt: nil)
        switch state {
        case "expired":
            try await owner.query("UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE id = \(id)")
        case "revoked":
            try await owner.query("UPDATE api_tokens SET revoked_at = now() WHERE id = \(id)")
        default: break
        }
        return token
    }

    private func me(authorization: String?) async throws -> (status: Int, challenge: String?, body: String) {
        var configuration = try HTTPServerConfiguration(listen: "127.0.0.1:0")
        configuration.errorRenderer = ProblemDetails.serverErrorRenderer
        let server = HTTPServer(configuration: configuration, responder: PathfolioApplication(pool: pool, accessLog: { _ in }).router())
        try server.start()
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.localPort!)/v1/me")!)
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        let data: Data, response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            await server.shutdown(grace: .seconds(1))
            throw error
        }
        await server.shutdown(grace: .seconds(1))
        let http = response as! HTTPURLResponse
        return (http.statusCode, http.value(forHTTPHeaderField: "WWW-Authenticate"), String(decoding: data, as: UTF8.self))
    }

    @Test("a valid token answers with the caller's profile and roles")
    func valid() async throws {
        let token = try await issueToken()
        let answer = try await me(authorization: "Bearer \(token.secret)")
        #expect(answer.status == 200)
        let json = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as! [String: Any]
        #expect(json["id"] as? String == demo.admin.description)
        #expect(json["institutionId"] as? String == demo.institution.description)
        #expect(json["givenName"] as? String == "Ada")
        #expect(json["roles"] as? [String] == ["admin"])
    }

    @Test("no credentials: 401 with a bare Bearer challenge")
    func missing() async throws {
        let answer = try await me(authorization: nil)
        #expect(answer.status == 401)
        #expect(answer.challenge == #"Bearer realm="pathfolio""#)
        #expect(answer.body.contains(#""status":401"#))
    }

    @Test("malformed, unknown, expired and revoked tokens: 401 invalid_token, each saying why",
          arguments: ["malformed", "unknown", "expired", "revoked"])
    func refused(kind: String) async throws {
        let authorization: String
        let reason: String
        switch kind {
        case "malformed": authorization = "Basic YWRhOnNlY3JldA=="; reason = "not a bearer token"
        case "unknown": authorization = "Bearer " + (try BearerToken.generate().secret); reason = "not valid"
        case "expired": authorization = "Bearer " + (try await issueToken(expiredOrRevoked: "expired").secret); reason = "expired"
        default: authorization = "Bearer " + (try await issueToken(expiredOrRevoked: "revoked").secret); reason = "revoked"
        }
        let answer = try await me(authorization: authorization)
        #expect(answer.status == 401)
        #expect(answer.challenge?.contains(#"error="invalid_token""#) == true)
        #expect(answer.body.contains(reason))
    }
}
