extension FixedWidthInteger where Self: SignedInteger {
    /// Parses PostgreSQL's text form of an integer (optional `-`, decimal digits).
    static func parsePostgresInteger(_ text: UnsafeBufferPointer<UInt8>, column: String) throws(PostgresError) -> Self {
        guard !text.isEmpty else { throw .invalidValue(column: column, type: "\(Self.self)") }
        var index = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < text.count else { throw .invalidValue(column: column, type: "\(Self.self)") }
        var value: Self = 0
        while index < text.count {
            let byte = text[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw .invalidValue(column: column, type: "\(Self.self)")
            }
            let digit = Self(byte - UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative
                ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw .invalidValue(column: column, type: "\(Self.self)") }
            value = next
            index += 1
        }
        return value
    }
}

private let integerTypes: Set<PostgresDataType> = [.int2, .int4, .int8, .oid]

extension Int: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .int8 }
    public static var postgresArrayType: PostgresDataType { .int8Array }
    public func postgresText() -> String { String(self) }
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> Int {
        guard integerTypes.contains(type) else { throw .typeMismatch(column: column, expected: "Int", actualOID: type.rawValue) }
        return try parsePostgresInteger(text, column: column)
    }
}

extension Int64: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .int8 }
    public static var postgresArrayType: PostgresDataType { .int8Array }
    public func postgresText() -> String { String(self) }
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> Int64 {
        guard integerTypes.contains(type) else { throw .typeMismatch(column: column, expected: "Int64", actualOID: type.rawValue) }
        return try parsePostgresInteger(text, column: column)
    }
}

extension Int32: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .int4 }
    public static var postgresArrayType: PostgresDataType { .int4Array }
    public func postgresText() -> String { String(self) }
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> Int32 {
        guard type == .int2 || type == .int4 else { throw .typeMismatch(column: column, expected: "Int32", actualOID: type.rawValue) }
        return try parsePostgresInteger(text, column: column)
    }
}

extension Int16: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .int2 }
    public static var postgresArrayType: PostgresDataType { .int2Array }
    public func postgresText() -> String { String(self) }
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> Int16 {
        guard type == .int2 else { throw .typeMismatch(column: column, expected: "Int16", actualOID: type.rawValue) }
        return try parsePostgresInteger(text, column: column)
    }
}
