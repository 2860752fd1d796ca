public import Foundation

/// `numeric` travels as decimal text both ways, so a score such as `2.675` is never
/// routed through binary floating point.
extension Decimal: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .numeric }
    public static var postgresArrayType: PostgresDataType { .numericArray }

    public func postgresText() throws(PostgresError) -> String {
        guard !isNaN else { throw .unencodableValue("Decimal NaN") }
        return description
    }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> Decimal {
        guard type == .numeric || type == .int2 || type == .int4 || type == .int8 else {
            throw .typeMismatch(column: column, expected: "Decimal", actualOID: type.rawValue)
        }
        // Foundation's parser stops at the first character it does not understand; accept
        // only plain decimal text so "NaN", "Infinity" and exponents are refused, not misread.
        var digits = 0
        for (offset, byte) in text.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "-") where offset == 0, UInt8(ascii: "."): continue
            default: throw .invalidValue(column: column, type: "Decimal")
            }
        }
        // Decimal keeps 38 significant digits; more would be rounded silently.
        guard digits > 0, digits <= 38,
              let value = Decimal(string: String(decoding: text, as: UTF8.self), locale: Locale(identifier: "en_US_POSIX"))
        else { throw .invalidValue(column: column, type: "Decimal") }
        return value
    }
}
