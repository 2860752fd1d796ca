public import PathfolioCore
import Foundation

/// Typed ids travel as `uuid`.
extension Identifier: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .uuid }
    public static var postgresArrayType: PostgresDataType { .uuidArray }
    public func postgresText() -> String { description }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> Identifier {
        Identifier(try UUID.decode(text: text, type: type, column: column))
    }
}
