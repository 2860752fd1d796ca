public import Foundation

/// `timestamptz`, to the microsecond (PostgreSQL's precision): a `Date` is rounded to the
/// nearest microsecond when sent.
extension Date: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .timestamptz }
    public static var postgresArrayType: PostgresDataType { .timestamptzArray }

    public func postgresText() throws(PostgresError) -> String {
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        guard micros.isFinite, abs(micros) < 9.0e15 else { throw .unencodableValue("Date out of range") }
        return PostgresTimestampText.text(microseconds: Int64(micros))
    }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> Date {
        guard type == .timestamptz else { throw .typeMismatch(column: column, expected: "Date", actualOID: type.rawValue) }
        guard let micros = PostgresTimestampText.microseconds(text) else { throw .invalidValue(column: column, type: "Date") }
        let (seconds, fraction) = PostgresTimestampText.floorDivision(micros, 1_000_000)
        return Date(timeIntervalSince1970: Double(seconds) + Double(fraction) / 1_000_000)
    }
}
