public import PathfolioCore

/// Scores travel as `numeric` text with two places, exactly (never through floating point).
extension Score: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .numeric }
    public static var postgresArrayType: PostgresDataType { .numericArray }
    public func postgresText() -> String { description }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> Score {
        guard type == .numeric else { throw .typeMismatch(column: column, expected: "Score", actualOID: type.rawValue) }
        if let score = twoPlaces(text) { return score }
        guard let score = Score(String(decoding: text, as: UTF8.self)) else { throw .invalidValue(column: column, type: "Score") }
        return score
    }

    /// `numeric(7, 2)`'s output form (`-?d+.dd`), read without making a `String`: progress
    /// reads hundreds of scores a request.
    private static func twoPlaces(_ text: UnsafeBufferPointer<UInt8>) -> Score? {
        let negative = text.first == UInt8(ascii: "-")
        let start = negative ? 1 : 0
        guard text.count - start >= 4, text.count - start <= 18, text[text.count - 3] == UInt8(ascii: ".") else { return nil }
        var hundredths = 0
        for index in start..<text.count where index != text.count - 3 {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            hundredths = hundredths * 10 + Int(digit)
        }
        return Score(hundredths: negative ? -hundredths : hundredths)
    }
}
