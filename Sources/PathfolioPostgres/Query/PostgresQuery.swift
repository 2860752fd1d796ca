/// A statement with its parameters bound, never spliced into the SQL text.
///
/// Interpolations become `$1`, `$2`, … with the value's PostgreSQL type sent alongside:
/// ```swift
/// let rows = try await connection.query("SELECT name FROM people WHERE id = \(id)")
/// ```
/// Only `unescaped:` puts text into the SQL, for identifiers and fragments written in code.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    /// The SQL text with `$n` placeholders.
    public private(set) var sql: String
    /// The parameters in placeholder order.
    public private(set) var bindings: [PostgresBinding]

    public init(unsafeSQL sql: String, bindings: [PostgresBinding] = []) {
        self.sql = sql
        self.bindings = bindings
    }

    public init(stringLiteral value: String) {
        self.sql = value
        self.bindings = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.bindings = stringInterpolation.bindings
    }

    /// Appends a bound parameter and returns its placeholder (`$n`), for building statements
    /// whose shape depends on data (multi-row inserts).
    public mutating func bind(_ value: some PostgresEncodable) -> String {
        bindings.append(PostgresBinding(value))
        return "$\(bindings.count)"
    }

    /// Appends SQL text written in code.
    public mutating func append(sql text: String) {
        sql += text
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var bindings: [PostgresBinding] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            bindings.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { sql += literal }

        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            bindings.append(PostgresBinding(value))
            sql += "$\(bindings.count)"
        }

        /// Binds an optional value (NULL when nil).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bindings.append(PostgresBinding(value))
            sql += "$\(bindings.count)"
        }

        /// Puts trusted text into the statement as it is (identifiers, SQL fragments from code).
        public mutating func appendInterpolation(unescaped text: String) { sql += text }
    }
}

/// One bound parameter: its type and how to produce its value.
public struct PostgresBinding: Sendable {
    public let type: PostgresDataType
    let encode: @Sendable () throws(PostgresError) -> PostgresValue

    public init<Value: PostgresEncodable>(_ value: Value) {
        self.type = Value.postgresType
        self.encode = { () throws(PostgresError) -> PostgresValue in try value.postgresValue() }
    }
}
