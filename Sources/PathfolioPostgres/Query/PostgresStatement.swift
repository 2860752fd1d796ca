/// A statement and how to read its rows into a value: what stores hand out so that a caller
/// can send several statements in one round trip (``PostgresBatch``) or run one alone
/// (``PostgresConnection/run(_:)``). Building one touches no connection.
public struct PostgresStatement<Result>: Sendable {
    /// The statement with its parameters.
    public let query: PostgresQuery
    /// Reads the statement's rows.
    public let read: @Sendable (PostgresRows) throws -> Result

    public init(_ query: PostgresQuery, read: @escaping @Sendable (PostgresRows) throws -> Result) {
        self.query = query
        self.read = read
    }
}

extension PostgresStatement where Result == Void {
    /// A statement whose rows nobody reads (inserts, updates).
    public init(_ query: PostgresQuery) {
        self.init(query) { _ in }
    }
}

extension PostgresConnection {
    /// Runs one statement and reads its result.
    public func run<Result>(_ statement: PostgresStatement<Result>) throws -> Result {
        try statement.read(try query(statement.query))
    }
}
