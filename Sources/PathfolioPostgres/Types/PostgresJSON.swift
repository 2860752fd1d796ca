import Foundation

/// A `jsonb` value, kept as its JSON text.
public struct PostgresJSON: PostgresEncodable, PostgresDecodable, Hashable {
    /// The JSON text.
    public var text: String

    public init(text: String) { self.text = text }

    /// Encodes a value with `JSONEncoder` (sorted keys, so equal values give equal text).
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the JSON text as `type`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    public static var postgresType: PostgresDataType { .jsonb }

    public func postgresValue() throws(PostgresError) -> PostgresValue {
        .text(try text.postgresText())
    }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> PostgresJSON {
        guard type == .jsonb || type == .json else {
            throw .typeMismatch(column: column, expected: "jsonb", actualOID: type.rawValue)
        }
        return PostgresJSON(text: String(decoding: text, as: UTF8.self))
    }
}
