public import PathfolioCore

/// Scores travel as `numeric` text with two places, exactly (never through floating point).
extension Score: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .numeric }
    public static var postgresArrayType: PostgresDataType { .numericArray }
    public func postgresText() -> String { description }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> Score {
        guard type == .numeric else { throw .typeMismatch(column: column, expected: "Score", actualOID: type.rawValue) }
        guard let score = Score(String(decoding: text, as: UTF8.self)) else { throw .invalidValue(column: column, type: "Score") }
        return score
    }
}
