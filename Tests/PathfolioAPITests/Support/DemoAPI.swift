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

/// The API over a real socket against a fresh database holding the demo institution: tokens
/// for its people, requests, and the parts of problem answers tests look at.
struct DemoAPI {
    let database: TestDatabase
    let demo: DemoInstitution.Loaded
    let pool: PostgresPool

    /// One request: method, path with query, bearer token, JSON body.
    typealias Request = (method: String, path: String, token: String, body: String?)

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
        let owner = try await PostgresConnection.connect(to: database.ownerConnectionString)
        demo = try await DemoInstitution.load(on: owner)
        await owner.close()
        pool = try database.makePool()
    }

    /// A new bearer token of `person`.
    func token(for person: PersonID) async throws -> String {
        let token = try BearerToken.generate()
        try await ApiTokenStore(pool: pool).insert(
            id: UUID(), hash: token.hash, institution: demo.institution, person: person, label: "test", expiresAt: nil)
        return token.secret
    }

    /// A token of the admin.
    func adminToken() async throws -> String { try await token(for: demo.admin) }

    /// The first demo person with `role`, as the admin lists them.
    func person(withRole role: Role) async throws -> PersonID? {
        let answer = try await send([("GET", "/v1/people?role=\(role.rawValue)", try await adminToken(), nil)])[0]
        return ((answer.json["items"] as? [[String: Any]])?.first?["id"] as? String).flatMap(PersonID.init)
    }

    /// Sends each request to one server, in order, and returns each status and JSON body.
    func send(_ requests: [Request]) async throws -> [(status: Int, json: [String: Any])] {
        var configuration = try HTTPServerConfiguration(listen: "127.0.0.1:0")
        configuration.errorRenderer = ProblemDetails.serverErrorRenderer
        let server = HTTPServer(configuration: configuration, responder: PathfolioApplication(pool: pool, accessLog: { _ in }).router())
        try server.start()
        var answers: [(status: Int, json: [String: Any])] = []
        do {
            for request in requests {
                var urlRequest = URLRequest(url: URL(string: "http://127.0.0.1:\(server.localPort!)" + request.path)!)
                urlRequest.httpMethod = request.method
                urlRequest.setValue("Bearer " + request.token, forHTTPHeaderField: "Authorization")
                if let body = request.body {
                    urlRequest.httpBody = Data(body.utf8)
                    urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
                }
                let (data, response) = try await URLSession.shared.data(for: urlRequest)
                let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
                answers.append(((response as! HTTPURLResponse).statusCode, json))
            }
        } catch {
            await server.shutdown(grace: .seconds(1))
            throw error
        }
        await server.shutdown(grace: .seconds(1))
        return answers
    }

    /// Where a problem's single `errors` item points (its `pointer` or `parameter`).
    static func target(_ json: [String: Any]) -> String? {
        guard let errors = json["errors"] as? [[String: Any]], errors.count == 1 else { return nil }
        return (errors[0]["pointer"] ?? errors[0]["parameter"]) as? String
    }
}
