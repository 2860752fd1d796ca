import PathfolioCore
import PathfolioHTTP
import PathfolioInterop

/// One operation of the API document: what the router serves at `method` `path`, who may call
/// it, what it takes and every response it gives. ``json`` renders the OpenAPI operation object,
/// adding what every operation of a kind shares (the bearer security and its 401, the
/// `Idempotency-Key` header of creating requests, the roles extension).
struct OpenAPIOperation: Sendable {
    /// Who may call.
    enum Access: Sendable {
        /// Anyone, without a token (operations endpoints, the document itself).
        case unauthenticated
        /// A bearer token of a person holding one of `roles`; `scope` is the sentence that says
        /// on whose records each may act (from ``AccessPolicy`` and the handler).
        case roles([Role], scope: String)

        /// Every role: any authenticated person.
        static func anyone(_ scope: String) -> Access { .roles(Role.allCases, scope: scope) }
    }

    /// A path or query parameter.
    struct Parameter: Sendable {
        let name: String
        let location: String
        let required: Bool
        let description: String
        let schema: JSONSchema

        /// A path parameter (always required); ids are UUIDs, and a malformed one answers 404
        /// like an unknown one.
        static func path(_ name: String, _ description: String, schema: JSONSchema = .uuid) -> Parameter {
            Parameter(name: name, location: "path", required: true, description: description, schema: schema)
        }

        /// An optional query parameter; an invalid value answers 400 naming it.
        static func query(_ name: String, _ description: String, schema: JSONSchema) -> Parameter {
            Parameter(name: name, location: "query", required: false, description: description, schema: schema)
        }

        /// A request header that the operation needs but checks itself (the description says how
        /// it answers without it).
        static func header(_ name: String, _ description: String) -> Parameter {
            Parameter(name: name, location: "header", required: false, description: description, schema: .string())
        }

        var json: JSONValue {
            .object(JSONObject([
                "name": .string(name), "in": .string(location), "required": .bool(required),
                "description": .string(description), "schema": schema.json,
            ]))
        }
    }

    /// A request body.
    struct RequestBody: Sendable {
        let description: String
        let content: JSONObject
        var isRequired = true

        /// A JSON object (the API's bodies are at most 1 MiB unless the route says otherwise);
        /// `required: false` when no body at all means the same as `{}`.
        static func json(_ schema: JSONSchema, _ description: String, required: Bool = true) -> RequestBody {
            RequestBody(description: description,
                        content: JSONObject(["application/json": .object(JSONObject(["schema": schema.json]))]),
                        isRequired: required)
        }

        /// Raw bytes of any media type, named in `Content-Type`; not empty.
        static func binary(_ description: String) -> RequestBody {
            RequestBody(description: description, content: JSONObject([
                "*/*": .object(JSONObject(["schema": JSONSchema.string(format: "binary", minLength: 1).json])),
            ]))
        }

        var json: JSONValue {
            .object(JSONObject(["description": .string(description), "required": .bool(isRequired), "content": .object(content)]))
        }
    }

    /// One response.
    struct Response: Sendable {
        let status: Int
        let json: JSONValue

        /// A success with a JSON body of `schema`, and headers (name → header object).
        static func json(_ status: Int, _ description: String, _ schema: JSONSchema,
                         headers: KeyValuePairs<String, JSONValue> = [:]) -> Response {
            var object = JSONObject(["description": .string(description)])
            if !headers.isEmpty { object["headers"] = .object(JSONObject(headers)) }
            object["content"] = .object(JSONObject(["application/json": .object(JSONObject(["schema": schema.json]))]))
            return Response(status: status, json: .object(object))
        }

        /// A response without a body.
        static func empty(_ status: Int, _ description: String, headers: KeyValuePairs<String, JSONValue> = [:]) -> Response {
            var object = JSONObject(["description": .string(description)])
            if !headers.isEmpty { object["headers"] = .object(JSONObject(headers)) }
            return Response(status: status, json: .object(object))
        }

        /// A response of another kind, given whole.
        static func custom(_ status: Int, _ object: JSONObject) -> Response {
            Response(status: status, json: .object(object))
        }

        /// A problem+json error of the shared `components/responses` (``OpenAPIComponents/problemResponses``).
        static func problem(_ status: Int) -> Response {
            guard let name = OpenAPIComponents.problemResponseNames[status] else {
                preconditionFailure("no shared problem response for \(status)")
            }
            return Response(status: status, json: .object(JSONObject(["$ref": .string("#/components/responses/" + name)])))
        }

        /// `400`: the request cannot be understood (body, query parameters, headers).
        static let badRequest = problem(400)
        /// `404`: no such record, or not the caller's to see; a malformed id in the path too.
        static let notFound = problem(404)
        /// `409`: the record's state forbids it.
        static let conflict = problem(409)
        /// `403`: a visible record, a change that is not the caller's to make.
        static let forbidden = problem(403)
        /// `412`: `If-Match` is stale.
        static let preconditionFailed = problem(412)
        /// `428`: `If-Match` is missing.
        static let preconditionRequired = problem(428)
        /// `413`: the body is over the limit.
        static let contentTooLarge = problem(413)
        /// `414`: the request line is over the server's limit (operations whose query values may be long).
        static let uriTooLong = problem(414)
        /// `415`: the body is not of a media type the operation takes.
        static let unsupportedMediaType = problem(415)
        /// `422`: understood but refused by a rule (or an `Idempotency-Key` reused for another request).
        static let unprocessable = problem(422)
    }

    let method: HTTPMethod
    let path: String
    let operationId: String
    let summary: String
    let description: String
    let tag: String
    let access: Access
    var parameters: [Parameter] = []
    var requestBody: RequestBody?
    /// Every response but 401, which ``json`` adds to every operation that needs a token.
    var responses: [Response]
    /// A creating `POST`: takes `Idempotency-Key` (SPEC §2.1).
    var takesIdempotencyKey = false

    /// The roles in ``access``, as the `x-pathfolio-roles` extension lists them.
    var roles: [Role] {
        switch access {
        case .unauthenticated: []
        case .roles(let roles, _): roles
        }
    }

    /// The OpenAPI operation object.
    var json: JSONValue {
        var object = JSONObject([
            "operationId": .string(operationId), "summary": .string(summary), "tags": .array([.string(tag)]),
        ])
        var text = description
        switch access {
        case .unauthenticated:
            text += (text.isEmpty ? "" : "\n\n") + "Needs no token."
            object["security"] = .array([])
        case .roles(let roles, let scope):
            text += (text.isEmpty ? "" : "\n\n") + "Roles: " + roles.map(\.rawValue).joined(separator: ", ") + ". " + scope
            object["security"] = .array([.object(JSONObject(["bearer": .array([])]))])
        }
        object["description"] = .string(text)
        var parameterList = parameters.map(\.json)
        if takesIdempotencyKey {
            parameterList.append(.object(JSONObject(["$ref": .string("#/components/parameters/IdempotencyKey")])))
        }
        if !parameterList.isEmpty { object["parameters"] = .array(parameterList) }
        if let requestBody { object["requestBody"] = requestBody.json }
        var all = responses
        if case .roles = access { all.append(.problem(401)) }
        all.sort { $0.status < $1.status }
        object["responses"] = .object(JSONObject(all.map { JSONMember(String($0.status), $0.json) }))
        object["x-pathfolio-roles"] = .array(roles.map { .string($0.rawValue) })
        return .object(object)
    }
}
