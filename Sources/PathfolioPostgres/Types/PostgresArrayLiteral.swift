/// PostgreSQL's array literal syntax for one-dimensional arrays: `{"a","b\"c",NULL}`.
///
/// Built on UTF-8 bytes, copying each element in runs between the characters that need a
/// backslash: batched writes send megabytes of JSON text as arrays, and a character-by-
/// character build would dominate their cost.
enum PostgresArrayLiteral {
    /// The literal of `elements` (`nil` → `NULL`).
    static func text<Element: PostgresArrayElement>(_ elements: some Sequence<Element?>) throws(PostgresError) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        for element in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            guard let element else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            var text = try element.postgresText()
            bytes.append(UInt8(ascii: "\""))
            text.withUTF8 { buffer in
                var start = 0
                for index in buffer.indices where buffer[index] == UInt8(ascii: "\"") || buffer[index] == UInt8(ascii: "\\") {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                    bytes.append(UInt8(ascii: "\\"))
                    start = index
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
