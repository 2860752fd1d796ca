public import Foundation

extension UUID: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .uuid }
    public static var postgresArrayType: PostgresDataType { .uuidArray }
    public func postgresText() -> String { uuidString.lowercased() }
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> UUID {
        guard type == .uuid || PostgresDataType.characterTypes.contains(type) else {
            throw .typeMismatch(column: column, expected: "UUID", actualOID: type.rawValue)
        }
        guard let uuid = UUID(uuidString: String(decoding: text, as: UTF8.self)) else {
            throw .invalidValue(column: column, type: "UUID")
        }
        return uuid
    }
}
