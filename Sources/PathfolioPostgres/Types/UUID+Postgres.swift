public import Foundation

extension UUID: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .uuid }
    public static var postgresArrayType: PostgresDataType { .uuidArray }
    public func postgresText() -> String { uuidString.lowercased() }
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> UUID {
        guard type == .uuid || PostgresDataType.characterTypes.contains(type) else {
            throw .typeMismatch(column: column, expected: "UUID", actualOID: type.rawValue)
        }
        if let uuid = canonical(text) { return uuid }
        guard let uuid = UUID(uuidString: String(decoding: text, as: UTF8.self)) else {
            throw .invalidValue(column: column, type: "UUID")
        }
        return uuid
    }

    /// PostgreSQL's output form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lower case), read
    /// without going through a `String` and `sscanf` as `UUID(uuidString:)` does: every
    /// result row holds a few ids, so this is on every request's path.
    private static func canonical(_ text: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard text.count == 36, text[8] == UInt8(ascii: "-"), text[13] == UInt8(ascii: "-"),
              text[18] == UInt8(ascii: "-"), text[23] == UInt8(ascii: "-") else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &bytes) { output -> Bool in
            var index = 0
            for position in 0..<16 {
                if index == 8 || index == 13 || index == 18 || index == 23 { index += 1 }
                guard let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else { return false }
                output[position] = high << 4 | low
                index += 2
            }
            return true
        }
        return parsed ? UUID(uuid: bytes) : nil
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
