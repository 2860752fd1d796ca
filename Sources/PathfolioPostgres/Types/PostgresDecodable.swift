/// A Swift value that can be read from a result column in PostgreSQL's text format.
public protocol PostgresDecodable: Sendable {
    /// Decodes the column's text. `type` is the column's type, so a decoder can refuse types
    /// it does not understand instead of misreading them.
    static func decode(
        text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String
    ) throws(PostgresError) -> Self

    /// What a NULL column decodes to: an error for every type but `Optional`.
    static func decodeNull(column: String) throws(PostgresError) -> Self
}

extension PostgresDecodable {
    public static func decodeNull(column: String) throws(PostgresError) -> Self {
        throw .unexpectedNull(column: column)
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(
        text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String
    ) throws(PostgresError) -> Wrapped? {
        try Wrapped.decode(text: text, type: type, column: column)
    }

    public static func decodeNull(column: String) throws(PostgresError) -> Wrapped? { nil }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresDataType { Wrapped.postgresType }
    public func postgresValue() throws(PostgresError) -> PostgresValue {
        switch self {
        case .none: return .null
        case .some(let value): return try value.postgresValue()
        }
    }
}
