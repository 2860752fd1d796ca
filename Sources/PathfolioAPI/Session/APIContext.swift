public import Foundation
import PathfolioCore
import PathfolioCrypto
import PathfolioInterop
public import PathfolioHTTP
public import PathfolioPostgres

/// What every endpoint shares: the pool, the authenticator and the catalog cache.
/// ``session(_:_:)`` is the one path from a request to the database, and it costs one round
/// trip before the handler runs: `BEGIN`, the token lookup that also sets the caller's
/// institution (`SET LOCAL`, for row-level security) and person, the caller's roles and
/// relationships, the catalog version, and whatever the handler asked to read, all pipelined.
/// Then the handler runs, and its queued writes go with `COMMIT` (or everything rolls back on
/// any error, so a failed request changes nothing).
struct APIContext: Sendable {
    let pool: PostgresPool
    let catalogs = CompetencyCatalogCache()
    /// Signs credentials as VC-JWTs with the institution's current key.
    let credentialSigner: CredentialSigner

    init(pool: PostgresPool, keyEncryptionKey: KeyEncryptionKey? = nil) {
        self.pool = pool
        self.credentialSigner = CredentialSigner(pool: pool, keyEncryptionKey: keyEncryptionKey)
    }

    /// Runs `body` in the caller's transaction.
    func session<T>(_ request: HTTPRequest, _ body: (Session) async throws -> T) async throws -> T {
        try await session(request, reading: { _, _ in () }) { session, _ in try await body(session) }
    }

    /// Like ``session(_:_:)``; `reading` adds statements to the opening round trip (it gets
    /// the catalog this process last held for the token's institution, possibly stale, to plan
    /// with) and `body` gets what `reading` returned, to read their results with
    /// ``Session/read(_:)``. Those statements run before anyone knows who is calling or
    /// whether they may: they must only read (or lock) rows of the tenant, and their results
    /// must not reach the caller unless `body` decides they may. With `readOnly`, `COMMIT`
    /// goes in the same round trip: `body` then sends nothing more in that transaction.
    func session<Reads, T>(_ request: HTTPRequest, readOnly: Bool = false,
                           reading: (inout PostgresBatch, CompetencyCatalog?) throws -> Reads,
                           _ body: (Session, Reads) async throws -> T) async throws -> T {
        let now = Date()
        let hash: [UInt8]
        do {
            hash = try BearerAuthenticator.tokenHash(of: request)
        } catch {
            throw APIError.unauthenticated(error)
        }
        var batch = PostgresBatch()
        let opening = batch.add(ApiTokenStore.opening(hash: hash, validAt: now))
        let requester = batch.add(PersonStore.currentRequester())
        let version = batch.add(CatalogVersionStore.current())
        let reads = try reading(&batch, catalogs.likelyCatalog(forToken: hash))
        if readOnly { batch.add("COMMIT") }
        let context = self
        return try await pool.withTransaction(opening: batch) { connection, results in
            // The token decides first: with no valid token, the tenant stayed unset and the
            // statements after the lookup saw nothing (or failed for want of a tenant).
            guard let found = try results(opening) else { throw APIError.unauthenticated(.unknown) }
            let caller: BearerAuthenticator.Caller
            do {
                caller = try BearerAuthenticator.caller(found.holder, now: now)
            } catch let failure as BearerAuthenticator.Failure {
                throw APIError.unauthenticated(failure)
            }
            context.catalogs.remember(token: hash, institution: caller.institutionID)
            guard let person = try results(requester) else {
                // The token outlived its person: as good as no token.
                throw APIError.unauthenticated(.unknown)
            }
            try results.check()
            let session = Session(requester: person, connection: connection, now: now,
                                  transactionStartedAt: found.transactionStartedAt, catalogState: try results(version),
                                  isCommitted: readOnly, reads: results, context: context)
            let value = try await body(session, reads)
            try await session.commit()
            return value
        }
    }

    /// A creating request: like ``session(_:reading:_:)``, and when the request carries an
    /// `Idempotency-Key`, a retry answers the first response and creates nothing; the same
    /// key with a different request answers 422. The key is claimed in the opening round
    /// trip and the response recorded with the commit.
    ///
    /// `stored` is what a replay answers, when it must differ from the response (a new token's
    /// secret is shown once and never stored).
    func creation(_ request: HTTPRequest, body: [UInt8], stored: (@Sendable (HTTPResponse) -> [UInt8])? = nil,
                  _ create: (Session) async throws -> HTTPResponse) async throws -> HTTPResponse {
        try await creation(request, body: body, stored: stored, reading: { _, _ in () }) { session, _ in try await create(session) }
    }

    func creation<Reads>(_ request: HTTPRequest, body: [UInt8], stored: (@Sendable (HTTPResponse) -> [UInt8])? = nil,
                         reading: (inout PostgresBatch, CompetencyCatalog?) throws -> Reads,
                         _ create: (Session, Reads) async throws -> HTTPResponse) async throws -> HTTPResponse {
        guard let key = request.headers["Idempotency-Key"] else {
            return try await session(request, reading: reading, create)
        }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.")
        }
        let fingerprint = SHA256.hash(Array("\(request.method) \(request.target)\n".utf8) + Self.canonical(body))
        return try await session(request, reading: { batch, catalog in
            (batch.add(IdempotencyKeyStore.claimForCurrentPerson(key: key, requestHash: fingerprint)), try reading(&batch, catalog))
        }) { session, reads in
            if try !session.read(reads.0) {
                let keys = IdempotencyKeyStore(connection: session.connection)
                switch try await keys.earlier(key: key, person: session.personID, requestHash: fingerprint) {
                case .mismatch:
                    throw APIError.unprocessable("This Idempotency-Key was already used for a different request.")
                case .replay(let status, let location, let etag, let body):
                    var response = HTTPResponse.json(body, status: HTTPStatus(code: status))
                    if let location { response.headers["Location"] = location }
                    if let etag { response.headers["ETag"] = etag }
                    response.headers["Idempotent-Replayed"] = "true"
                    return response
                case .new:
                    break
                }
            }
            let response = try await create(session, reads.1)
            session.enqueue(IdempotencyKeyStore.completion(key: key, person: session.personID, status: response.status.code,
                                                           location: response.headers["Location"], etag: response.headers["ETag"],
                                                           body: stored?(response) ?? response.body.bytes ?? []))
            return response
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
