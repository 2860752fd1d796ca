extension Bool: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .bool }
    public static var postgresArrayType: PostgresDataType { .boolArray }
    public func postgresText() -> String { self ? "t" : "f" }
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> Bool {
        guard type == .bool else { throw .typeMismatch(column: column, expected: "Bool", actualOID: type.rawValue) }
        guard text.count == 1 else { throw .invalidValue(column: column, type: "Bool") }
        switch text[0] {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw .invalidValue(column: column, type: "Bool")
        }
    }
}
