import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PathfolioAPI
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres
import Testing

/// The document served at `GET /openapi.json` against the router that serves the API: every
/// route documented, nothing documented that is not routed, and each operation complete
/// (responses, security, roles). Needs no database: the pool connects only when a handler asks.
@Suite("GET /openapi.json documents exactly the router's operations")
struct OpenAPIDocumentTests {
    /// The operations that need no token.
    static let unauthenticated: Set<String> = [
        "GET /healthz", "GET /readyz", "GET /metrics", "GET /openapi.json",
        // Verifiers are other institutions: the public keys and verifying need no token.
        "GET /.well-known/jwks.json", "POST /v1/credentials/verify",
    ]

    let router: Router

    init() throws {
        let pool = try PostgresPool(configuration: .init(connectionString: "host=/nonexistent-pathfolio-socket dbname=x"))
        router = PathfolioApplication(pool: pool, accessLog: { _ in }).router()
    }

    /// The document as a client gets it, over a real socket.
    private func fetchDocument() async throws -> (contentType: String, document: [String: Any], bytes: Data) {
        var configuration = try HTTPServerConfiguration(listen: "127.0.0.1:0")
        configuration.errorRenderer = ProblemDetails.serverErrorRenderer
        let server = HTTPServer(configuration: configuration, responder: router)
        try server.start()
        let data: Data, response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.localPort!)/openapi.json")!)
        } catch {
            await server.shutdown(grace: .seconds(1))
            throw error
        }
        await server.shutdown(grace: .seconds(1))
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (http.value(forHTTPHeaderField: "Content-Type") ?? "", document, data)
    }

    /// `/v1/people/{id}` → `/v1/people/{}`: the shape a request path is matched against.
    static func shape(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("{") && $0.hasSuffix("}") ? "{}" : String($0) }
            .joined(separator: "/")
    }

    /// The names of the `{…}` segments of a path template.
    static func parameterNames(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    /// Every documented operation as `METHOD /path` → the operation object.
    static func operations(in document: [String: Any]) -> [String: [String: Any]] {
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        var operations: [String: [String: Any]] = [:]
        for case let (path, item as [String: Any]) in document["paths"] as? [String: Any] ?? [:] {
            for case let (method, operation as [String: Any]) in item where methods.contains(method) {
                operations[method.uppercased() + " " + path] = operation
            }
        }
        return operations
    }

    /// With `OPENAPI_EXPORT_DIR` set (deploy/test.sh), also writes the document there as
    /// `openapi.json`, for the OpenAPI specification validator.
    @Test("is an OpenAPI 3.1 document served as application/json")
    func served() async throws {
        let (contentType, document, bytes) = try await fetchDocument()
        if let folder = ProcessInfo.processInfo.environment["OPENAPI_EXPORT_DIR"] {
            try bytes.write(to: URL(fileURLWithPath: folder).appendingPathComponent("openapi.json"))
        }
        #expect(contentType == "application/json")
        #expect(document["openapi"] as? String == "3.1.0")
        #expect((document["info"] as? [String: Any])?["title"] as? String == "Pathfolio API")
    }

    @Test("every route is documented, and every documented operation is routed")
    func matchesRouter() async throws {
        let (_, document, _) = try await fetchDocument()
        let documented = Set(Self.operations(in: document).keys.map { key in
            let parts = key.split(separator: " ", maxSplits: 1)
            return parts[0] + " " + Self.shape(String(parts[1]))
        })
        let routed = router.registeredRoutes.map { $0.method.rawValue + " " + Self.shape($0.pattern) }
        #expect(routed.count == Set(routed).count, "a route is registered twice")
        let missing = Set(routed).subtracting(documented).sorted()
        let extra = documented.subtracting(routed).sorted()
        #expect(missing.isEmpty, "routed but not in /openapi.json: \(missing)")
        #expect(extra.isEmpty, "in /openapi.json but not routed: \(extra)")
        #expect(!routed.isEmpty)
    }

    @Test("each operation has an id, a summary, its path parameters, responses, security and roles")
    func operationsComplete() async throws {
        let (_, document, _) = try await fetchDocument()
        let operations = Self.operations(in: document)
        let roleNames = Set(Role.allCases.map(\.rawValue))
        var operationIDs: [String] = []
        for (key, operation) in operations.sorted(by: { $0.key < $1.key }) {
            let path = String(key.split(separator: " ", maxSplits: 1)[1])
            let operationID = operation["operationId"] as? String ?? ""
            #expect(!operationID.isEmpty, "\(key): no operationId")
            operationIDs.append(operationID)
            #expect(!(operation["summary"] as? String ?? "").isEmpty, "\(key): no summary")

            // Path parameters: exactly the template's, required, ids as UUIDs.
            let parameters = operation["parameters"] as? [[String: Any]] ?? []
            let pathParameters = parameters.filter { $0["in"] as? String == "path" }
            #expect(Set(pathParameters.compactMap { $0["name"] as? String }) == Set(Self.parameterNames(path)),
                    "\(key): path parameters differ from the template")
            for parameter in pathParameters {
                #expect(parameter["required"] as? Bool == true, "\(key): path parameter not required")
                #expect((parameter["schema"] as? [String: Any])?["format"] as? String == "uuid",
                        "\(key): path parameter \(parameter["name"] ?? "") is not format uuid")
            }

            // Responses: at least one success, each with a description or a shared reference.
            let responses = operation["responses"] as? [String: Any] ?? [:]
            #expect(responses.keys.contains { $0.hasPrefix("2") || $0.hasPrefix("3") }, "\(key): no success response")
            for case let (status, response as [String: Any]) in responses {
                #expect(Int(status) != nil, "\(key): response \(status) is not a status code")
                #expect(response["description"] is String || response["$ref"] is String, "\(key) \(status): no description")
            }

            // Security: declared on every operation; none exactly on the operations endpoints.
            let security = try #require(operation["security"] as? [[String: [String]]], "\(key): no security")
            let roles = try #require(operation["x-pathfolio-roles"] as? [String], "\(key): no x-pathfolio-roles")
            #expect(Set(roles).isSubset(of: roleNames), "\(key): unknown roles \(roles)")
            if Self.unauthenticated.contains(key) {
                #expect(security.isEmpty, "\(key) must need no token")
                #expect(roles.isEmpty, "\(key) needs no role")
            } else {
                #expect(security == [["bearer": []]], "\(key): not bearer security")
                #expect(!roles.isEmpty, "\(key): no roles")
                #expect(responses["401"] != nil, "\(key): no 401 response")
                #expect((operation["description"] as? String ?? "").contains("Roles: "), "\(key): no roles sentence")
            }

            // A creating POST takes Idempotency-Key (SPEC §2.1).
            if key.hasPrefix("POST "), responses["201"] != nil {
                #expect(parameters.contains { $0["$ref"] as? String == "#/components/parameters/IdempotencyKey" },
                        "\(key): creates but takes no Idempotency-Key")
            }
        }
        #expect(operationIDs.count == Set(operationIDs).count, "operationIds repeat")
        #expect(Self.unauthenticated.isSubset(of: Set(operations.keys)))
    }

    @Test("every $ref points at something in the document")
    func referencesResolve() async throws {
        let (_, document, _) = try await fetchDocument()
        var references: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let reference = object["$ref"] as? String { references.append(reference) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for reference in Set(references) {
            #expect(reference.hasPrefix("#/"), "\(reference) is not local")
            var target: Any? = document
            for token in reference.dropFirst(2).split(separator: "/") {
                target = (target as? [String: Any])?[token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
            }
            #expect(target != nil, "\(reference) points at nothing")
        }
    }
}
