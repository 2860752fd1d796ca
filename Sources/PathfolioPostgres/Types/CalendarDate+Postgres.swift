public import PathfolioCore

extension CalendarDate: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .date }
    public static var postgresArrayType: PostgresDataType { .dateArray }
    public func postgresText() -> String { description }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> CalendarDate {
        guard type == .date else { throw .typeMismatch(column: column, expected: "CalendarDate", actualOID: type.rawValue) }
        guard let days = PostgresTimestampText.days(text) else { throw .invalidValue(column: column, type: "CalendarDate") }
        return CalendarDate(daysSinceUnixEpoch: days)
    }
}
