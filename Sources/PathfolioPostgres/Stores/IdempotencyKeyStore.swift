public import PathfolioCore

/// The first response to each creating request with an `Idempotency-Key` (SPEC §2.1).
///
/// ``claimForCurrentPerson(key:requestHash:)`` inserts the key at the start of the request's transaction.
/// A concurrent request with the same key blocks on the primary key until the first commits
/// (and then reads its response) or rolls back (and then goes ahead itself): one record, never two.
public struct IdempotencyKeyStore: Sendable {
    /// What a claim found.
    public enum Claim: Sendable, Equatable {
        /// The key is new (or its first request rolled back): go ahead, then ``completion``.
        case new
        /// The same request already ran: answer this.
        case replay(status: Int, location: String?, etag: String?, body: [UInt8])
        /// The key was used for a different request.
        case mismatch
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Claims `key` for the current person (`pathfolio_current_person()`) and this request's
    /// hash, as one statement to send with the statements that open the request's transaction: true when the key is new. When it is not, ask
    /// ``earlier(key:person:requestHash:)`` (in a later statement, which sees the first
    /// request's commit that this one waited for).
    public static func claimForCurrentPerson(key: String, requestHash: [UInt8]) -> PostgresStatement<Bool> {
        PostgresStatement("""
            INSERT INTO idempotency_keys (institution_id, person_id, key, request_hash)
            VALUES (pathfolio_current_institution(), pathfolio_current_person(), \(key), \(PostgresBytes(requestHash)))
            ON CONFLICT DO NOTHING RETURNING key
            """) { rows in !rows.isEmpty }
    }

    /// What an earlier request with `key` left: its response, or a mismatch; `.new` when it
    /// left nothing (it rolled back).
    public func earlier(key: String, person: PersonID, requestHash: [UInt8]) async throws -> Claim {
        let rows = try await connection.query("""
            SELECT request_hash, status, location, etag, response_body FROM idempotency_keys
            WHERE person_id = \(person) AND key = \(key)
            """)
        guard let row = rows.first else { return .new }
        guard try row.decode(PostgresBytes.self, named: "request_hash").bytes == requestHash else { return .mismatch }
        return .replay(status: try row.decode(Int.self, named: "status"),
                       location: try row.decode(String?.self, named: "location"),
                       etag: try row.decode(String?.self, named: "etag"),
                       body: try row.decode(PostgresBytes.self, named: "response_body").bytes)
    }

    /// Records the response of a claimed key, as a statement to send with the creation's writes.
    public static func completion(key: String, person: PersonID, status: Int, location: String?, etag: String?,
                                  body: [UInt8]) -> PostgresStatement<Void> {
        PostgresStatement("""
            UPDATE idempotency_keys SET status = \(status), location = \(location), etag = \(etag),
                   response_body = \(PostgresBytes(body))
            WHERE person_id = \(person) AND key = \(key)
            """)
    }
}
