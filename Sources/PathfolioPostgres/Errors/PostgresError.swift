/// Everything that can go wrong between Pathfolio and PostgreSQL.
///
/// No case carries a bound parameter or a decoded value: they are student data and errors
/// end up in logs.
public enum PostgresError: Error, Sendable, CustomStringConvertible {
    /// The connection string could not be understood (libpq's reason).
    case invalidConnectionString(String)
    /// No connection could be made (libpq's reason: host, port, authentication …).
    case connectionFailed(String)
    /// The connection broke while in use; the statement's outcome is unknown unless it was
    /// inside a transaction that had not committed.
    case connectionLost(String)
    /// The server refused the statement.
    case server(PostgresServerError)
    /// A column held NULL where the caller asked for a non-optional value.
    case unexpectedNull(column: String)
    /// A column's type cannot be decoded as the requested Swift type.
    case typeMismatch(column: String, expected: String, actualOID: UInt32)
    /// A column's text could not be decoded as the requested type (the text is not repeated).
    case invalidValue(column: String, type: String)
    /// The query's row or column index does not exist.
    case noSuchColumn(String)
    /// The pool had no connection free within the checkout timeout.
    case poolTimedOut(waitedMilliseconds: Int, maximumConnections: Int)
    /// The pool was shut down.
    case poolClosed
    /// A value could not be sent (e.g. it contains a NUL byte, which text parameters cannot carry).
    case unencodableValue(String)

    /// The SQLSTATE when the server reported one.
    public var sqlState: SQLState? {
        if case .server(let error) = self { return error.sqlState }
        return nil
    }

    /// Whether the connection that produced this error can no longer be used.
    public var breaksConnection: Bool {
        switch self {
        case .connectionLost, .connectionFailed: return true
        case .server(let error):
            return error.severity == "FATAL" || error.severity == "PANIC"
                || error.sqlState == .adminShutdown || error.sqlState == .crashShutdown
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .invalidConnectionString(let reason): "invalid PostgreSQL connection string: \(reason)"
        case .connectionFailed(let reason): "could not connect to PostgreSQL: \(reason)"
        case .connectionLost(let reason): "lost the connection to PostgreSQL: \(reason)"
        case .server(let error): "PostgreSQL error: \(error.safeDescription)"
        case .unexpectedNull(let column): "column \(column) is NULL but a value was expected"
        case .typeMismatch(let column, let expected, let oid):
            "column \(column) has type OID \(oid), which cannot be decoded as \(expected)"
        case .invalidValue(let column, let type): "column \(column) does not hold a valid \(type)"
        case .noSuchColumn(let name): "no column \(name) in the result"
        case .poolTimedOut(let waited, let maximum):
            "no PostgreSQL connection became free within \(waited) ms (pool of \(maximum))"
        case .poolClosed: "the PostgreSQL connection pool is closed"
        case .unencodableValue(let reason): "cannot send value: \(reason)"
        }
    }
}
