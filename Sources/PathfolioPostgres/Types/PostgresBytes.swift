/// `bytea` content. Sent in binary (no escaping, no doubling), read from the hex text form.
public struct PostgresBytes: PostgresEncodable, PostgresDecodable, Hashable {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public static var postgresType: PostgresDataType { .bytea }
    public func postgresValue() -> PostgresValue { .binary(bytes) }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> PostgresBytes {
        guard type == .bytea else { throw .typeMismatch(column: column, expected: "bytea", actualOID: type.rawValue) }
        // bytea_output = 'hex' (the default, and set by every connection): \x then two hex digits a byte.
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else {
            throw .invalidValue(column: column, type: "bytea")
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity((text.count - 2) / 2)
        var index = 2
        while index < text.count {
            guard let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else {
                throw .invalidValue(column: column, type: "bytea")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return PostgresBytes(bytes)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
