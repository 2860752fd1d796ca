/// One-dimensional arrays, in PostgreSQL's array literal syntax (`{"a","b"}`). NULL elements
/// are refused: no Pathfolio column stores them.
extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresDataType { Element.postgresArrayType }

    public func postgresValue() throws(PostgresError) -> PostgresValue {
        // Built as bytes: only `"` and `\` need a backslash, and both are ASCII, so escaping
        // byte by byte keeps every multi-byte character intact.
        var literal: [UInt8] = [UInt8(ascii: "{")]
        literal.reserveCapacity(count * 40 + 2)
        for (index, element) in enumerated() {
            if index > 0 { literal.append(UInt8(ascii: ",")) }
            literal.append(UInt8(ascii: "\""))
            var text = try element.postgresText()
            text.withUTF8 { utf8 in
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { literal.append(UInt8(ascii: "\\")) }
                    literal.append(byte)
                }
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
        return .text(String(decoding: literal, as: UTF8.self))
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> [Element] {
        guard type == Element.postgresArrayType else {
            throw .typeMismatch(column: column, expected: "[\(Element.self)]", actualOID: type.rawValue)
        }
        let invalid = PostgresError.invalidValue(column: column, type: "[\(Element.self)]")
        guard text.count >= 2, text[0] == UInt8(ascii: "{"), text[text.count - 1] == UInt8(ascii: "}") else { throw invalid }
        var elements: [Element] = []
        var index = 1
        let end = text.count - 1
        if index == end { return [] }
        var scratch: [UInt8] = []
        while true {
            scratch.removeAll(keepingCapacity: true)
            if text[index] == UInt8(ascii: "\"") {
                index += 1
                while true {
                    guard index < end else { throw invalid }
                    let byte = text[index]
                    if byte == UInt8(ascii: "\\") {
                        guard index + 1 < end else { throw invalid }
                        scratch.append(text[index + 1])
                        index += 2
                    } else if byte == UInt8(ascii: "\"") {
                        index += 1
                        break
                    } else {
                        scratch.append(byte)
                        index += 1
                    }
                }
            } else {
                while index < end, text[index] != UInt8(ascii: ",") {
                    guard text[index] != UInt8(ascii: "{"), text[index] != UInt8(ascii: "\"") else { throw invalid }
                    scratch.append(text[index])
                    index += 1
                }
                if scratch.isEmpty { throw invalid }
                if scratch == Array<UInt8>("NULL".utf8) { throw .unexpectedNull(column: column) }
            }
            let element = try scratch.withUnsafeBufferPointer { (buffer) throws(PostgresError) -> Element in
                try Element.decode(text: buffer, type: Element.postgresType, column: column)
            }
            elements.append(element)
            if index == end { return elements }
            guard text[index] == UInt8(ascii: ",") else { throw invalid }
            index += 1
            guard index < end else { throw invalid }
        }
    }
}
