public import Foundation
import PathfolioCore
import PathfolioCrypto
import PathfolioInterop
public import PathfolioHTTP
public import PathfolioPostgres

/// What every endpoint shares: the pool and the authenticator. ``session(_:_:)`` is the one
/// path from a request to the database: authenticate → open a transaction with the caller's
/// institution `SET LOCAL` → load the caller's roles and relationships → run the handler →
/// commit (or roll back on any error, so a failed request changes nothing).
struct APIContext: Sendable {
    let pool: PostgresPool
    let authenticator: BearerAuthenticator

    init(pool: PostgresPool) {
        self.pool = pool
        self.authenticator = BearerAuthenticator(tokens: ApiTokenStore(pool: pool))
    }

    /// Runs `body` in the caller's transaction.
    func session<T>(_ request: HTTPRequest, _ body: (Session) async throws -> T) async throws -> T {
        let now = Date()
        let caller: BearerAuthenticator.Caller
        do {
            caller = try await authenticator.authenticate(request, now: now)
        } catch let failure as BearerAuthenticator.Failure {
            throw APIError.unauthenticated(failure)
        }
        return try await pool.withTransaction(settings: [("pathfolio.institution_id", caller.institutionID.description)]) {
            connection in
            guard let requester = try await PersonStore(connection: connection)
                .requester(caller.personID, in: caller.institutionID)
            else {
                // The token outlived its person: as good as no token.
                throw APIError.unauthenticated(.unknown)
            }
            return try await body(Session(requester: requester, connection: connection, now: now))
        }
    }

    /// A creating request: like ``session(_:_:)``, and when the request carries an
    /// `Idempotency-Key`, a retry answers the first response and creates nothing; the same
    /// key with a different request answers 422.
    ///
    /// `stored` is what a replay answers, when it must differ from the response (a new token's
    /// secret is shown once and never stored).
    func creation(_ request: HTTPRequest, body: [UInt8], stored: (@Sendable (HTTPResponse) -> [UInt8])? = nil,
                  _ create: (Session) async throws -> HTTPResponse) async throws -> HTTPResponse {
        guard let key = request.headers["Idempotency-Key"] else {
            return try await session(request, create)
        }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.")
        }
        let fingerprint = SHA256.hash(Array("\(request.method) \(request.target)\n".utf8) + Self.canonical(body))
        return try await session(request) { session in
            let keys = IdempotencyKeyStore(connection: session.connection)
            switch try await keys.claim(key: key, person: session.personID, requestHash: fingerprint) {
            case .mismatch:
                throw APIError.unprocessable("This Idempotency-Key was already used for a different request.")
            case .replay(let status, let location, let body):
                var response = HTTPResponse.json(body, status: HTTPStatus(code: status))
                if let location { response.headers["Location"] = location }
                response.headers["Idempotent-Replayed"] = "true"
                return response
            case .new:
                let response = try await create(session)
                try await keys.complete(key: key, person: session.personID, status: response.status.code,
                                        location: response.headers["Location"],
                                        body: stored?(response) ?? response.body.bytes ?? [])
                return response
            }
        }
    }

    /// A JSON body with its object members sorted (so a retry that re-serialises the same object
    /// in another member order is the same request); any other body as it is.
    static func canonical(_ body: [UInt8]) -> [UInt8] {
        func sorted(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let object):
                .object(JSONObject(object.members.sorted { $0.key < $1.key }.map { JSONMember($0.key, sorted($0.value)) }))
            case .array(let elements): .array(elements.map(sorted))
            default: value
            }
        }
        guard let value = try? JSONParser(maximumDepth: 64).parse(body) else { return body }
        return sorted(value).serializedBytes()
    }

    /// Errors that mean "this value cannot be stored": not encodable (a NUL in text), a data
    /// exception (SQLSTATE class 22), a check constraint.
    static func isRefusedValue(_ error: PostgresError) -> Bool {
        if case .unencodableValue = error { return true }
        guard let state = error.sqlState else { return false }
        return state.errorClass == "22" || state == .checkViolation
    }

    private static func reason(_ error: PostgresError) -> String {
        if case .unencodableValue(let reason) = error { return reason }
        return error.sqlState == .checkViolation ? "a value is outside the limits of its field" : "an invalid value (SQLSTATE \(error.sqlState?.rawValue ?? ""))"
    }

    /// Wraps a handler so that ``APIError`` becomes its problem response.
    static func handler(_ body: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) -> Router.Handler {
        { request in
            do {
                return try await body(request)
            } catch let error as APIError {
                return error.response
            } catch let error as PostgresError where Self.isRefusedValue(error) {
                // What the request validation let through but the database cannot hold (a NUL in
                // text, a value beyond a column's limits): the request's fault, and nothing was written.
                return APIError.badRequest("The request holds a value the database cannot store: \(Self.reason(error)).").response
            } catch {
                // The caller gets a bare 500 (nothing internal leaks); the operator's log gets why.
                let line = #"{"event":"handler_failed","method":"\#(request.method)","path":"\#(request.path)","error":"\#(String(describing: error).replacingOccurrences(of: "\"", with: "'"))"}"# + "\n"
                FileHandle.standardError.write(Data(line.utf8))
                throw error
            }
        }
    }
}

extension HTTPRequest {
    /// The path parameter `name` as a typed id; a malformed one is as good as an unknown one (404).
    func identifier<Subject>(_ name: String) throws(APIError) -> Identifier<Subject> {
        guard let text = pathParameters[name], let id = Identifier<Subject>(text) else { throw .notFound }
        return id
    }

    /// The JSON body, at most `limit` bytes.
    func jsonBody(limit: Int = 1 << 20) async throws -> [UInt8] {
        if let type = headers["Content-Type"], !type.lowercased().hasPrefix("application/json") {
            throw APIError.unsupportedMediaType("The body must be application/json.")
        }
        do {
            return try await body.collect(upTo: limit)
        } catch HTTPBodyError.tooLarge(let limit) {
            throw APIError.contentTooLarge(limit: limit)
        }
    }
}
