import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// Token administration for admins: `POST /v1/tokens` (the secret is in that response only),
/// `GET /v1/tokens[?person=]`, `GET /v1/tokens/{id}`, `POST /v1/tokens/{id}/revoke`.
struct TokenRoutes {
    let context: APIContext

    /// A token as listed; `token` (the secret) only in the creating response.
    struct Representation: Encodable {
        let id: String
        let personId: String
        let label: String
        let createdAt: Date
        let expiresAt: Date?
        let revokedAt: Date?
        let token: String?

        init(_ entry: TokenRegistryStore.Entry, secret: String? = nil) {
            id = entry.id.uuidString.lowercased()
            personId = entry.personID.description
            label = entry.label
            createdAt = entry.createdAt
            expiresAt = entry.expiresAt
            revokedAt = entry.revokedAt
            token = secret
        }
    }

    func register(on router: inout Router) {
        let context = self.context
        router.post("/v1/tokens", APIContext.handler { request in
            let body = try await request.jsonBody()
            let input = try RequestObject.parse(body)
            input.rejectUnknown(besides: ["personId", "label", "expiresAt"])
            let person: PersonID? = input.identifier("personId")
            let label = input.string("label", required: false, maximumLength: 200, allowEmpty: true) ?? ""
            let expiresAt = input.timestamp("expiresAt", required: false)
            try input.log.check()
            // A replay answers the token without its secret: the secret is shown once, stored nowhere.
            let withoutSecret: @Sendable (HTTPResponse) -> [UInt8] = { response in
                guard let bytes = response.body.bytes,
                      var object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else { return [] }
                object["token"] = nil
                return Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
            }
            return try await context.creation(request, body: body, stored: withoutSecret) { session in
                try session.require(.manageTokens)
                // Well-formed but refused by a rule that depends on the clock: 422, like every rule refusal.
                if let expiresAt, expiresAt <= session.now {
                    throw APIError.unprocessable("The token would be expired already.",
                                                 errors: [.init(pointer: "/expiresAt", detail: "Must be in the future.")])
                }
                guard try await PersonStore(connection: session.connection).profile(of: person!) != nil else {
                    throw APIError.unprocessable("No such person.", errors: [.init(pointer: "/personId", detail: "No such person.")])
                }
                let token = try BearerToken.generate()
                let entry = try await TokenRegistryStore(connection: session.connection)
                    .insert(id: UUID(), hash: token.hash, person: person!, label: label, expiresAt: expiresAt)
                try await session.audit("token.create", target: "token", id: entry.id)
                return .json(Representation(entry, secret: token.secret), status: .created,
                             headers: ["Location": "/v1/tokens/\(entry.id.uuidString.lowercased())", "Cache-Control": "no-store"])
            }
        })

        router.get("/v1/tokens", APIContext.handler { request in
            let page = try PageRequest(request, keyCount: 2)
            let person: PersonID? = try request.query("person").map { text throws(APIError) in
                guard let id = PersonID(text) else { throw .invalidParameter("person", "Must be a UUID.") }
                return id
            }
            let after = try page.position { key in
                Timestamp.parse(key[0]).flatMap { date in UUID(uuidString: key[1]).map { (date, $0) } }
            }
            return try await context.session(request) { session in
                try session.require(.manageTokens)
                let entries = try await TokenRegistryStore(connection: session.connection)
                    .tokens(of: person, after: after, limit: page.limit + 1)
                return .json(Page(fetched: entries.map { Representation($0) }, request: request, page: page) {
                    [Timestamp.format($0.createdAt), $0.id]
                })
            }
        })

        router.get("/v1/tokens/{id}", APIContext.handler { request in
            guard let id = request.pathParameters["id"].flatMap(UUID.init(uuidString:)) else { throw APIError.notFound }
            return try await context.session(request) { session in
                try session.require(.manageTokens)
                guard let entry = try await TokenRegistryStore(connection: session.connection).token(id) else {
                    throw APIError.notFound
                }
                return .json(Representation(entry))
            }
        })

        router.post("/v1/tokens/{id}/revoke", APIContext.handler { request in
            guard let id = request.pathParameters["id"].flatMap(UUID.init(uuidString:)) else { throw APIError.notFound }
            return try await context.session(request) { session in
                try session.require(.manageTokens)
                guard let entry = try await TokenRegistryStore(connection: session.connection).revoke(id) else {
                    throw APIError.notFound
                }
                try await session.audit("token.revoke", target: "token", id: id)
                return .json(Representation(entry))
            }
        })
    }
}
