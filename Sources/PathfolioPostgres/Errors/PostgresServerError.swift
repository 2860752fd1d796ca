/// An error the PostgreSQL server reported for a statement, with its diagnostic fields.
///
/// `description` never contains bound values: those are student data. The server's primary
/// message and detail can quote values (`invalid input syntax for type uuid: "…"`,
/// `Key (email)=(…) already exists`), so `description` shows only the SQLSTATE and the schema
/// object names; `message` and `detail` are there for code that knows what it is doing.
public struct PostgresServerError: Sendable, Equatable, CustomStringConvertible {
    public let sqlState: SQLState
    public let severity: String
    /// The primary message; may quote data.
    public let message: String
    /// The detail; may quote data.
    public let detail: String?
    public let hint: String?
    public let schema: String?
    public let table: String?
    public let column: String?
    public let constraint: String?

    public init(
        sqlState: SQLState, severity: String = "ERROR", message: String, detail: String? = nil,
        hint: String? = nil, schema: String? = nil, table: String? = nil, column: String? = nil,
        constraint: String? = nil
    ) {
        self.sqlState = sqlState
        self.severity = severity
        self.message = message
        self.detail = detail
        self.hint = hint
        self.schema = schema
        self.table = table
        self.column = column
        self.constraint = constraint
    }

    public var description: String { safeDescription }

    /// A description safe to log: the SQLSTATE, and the names of the objects involved.
    /// The message is included only for classes whose messages name SQL, never data
    /// (syntax and access rule violations, class 42; undefined objects).
    public var safeDescription: String {
        var parts = ["SQLSTATE \(sqlState)"]
        if let table { parts.append("table \(table)") }
        if let column { parts.append("column \(column)") }
        if let constraint { parts.append("constraint \(constraint)") }
        if sqlState.errorClass == "42" || sqlState.errorClass == "3D" || sqlState.errorClass == "0A" {
            parts.append(message)
        }
        return parts.joined(separator: ", ")
    }
}
