import Foundation

/// A JSON value that keeps what a round trip needs: object members in their original order and
/// numbers as their exact text (`1.0` stays `1.0`, `1e3` stays `1e3`).
public indirect enum JSONValue: Sendable, Hashable {
    /// An object, members in document order.
    case object(JSONObject)
    /// An array.
    case array([JSONValue])
    /// A string (already unescaped).
    case string(String)
    /// A number, kept as the exact text that appeared in the document.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The object, when this is one.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The array, when this is one.
    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// An integer, when this is a number whose text is an integer that fits.
    public var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    /// `true` for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short name of the JSON type, for messages.
    public var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    /// Member lookup on an object; `nil` otherwise.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

/// One member of a ``JSONObject``.
public struct JSONMember: Sendable, Hashable {
    /// The member name.
    public var key: String
    /// The member value.
    public var value: JSONValue

    /// Makes a member.
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON object whose members keep their order. Keys are unique: setting an existing key
/// replaces its value in place. Equality is JSON's: the same members, in any order (the order is
/// still kept for writing).
public struct JSONObject: Sendable, Hashable, Sequence {
    /// Same members with equal values, order ignored.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.members == rhs.members { return true }
        for member in lhs.members where rhs[member.key] != member.value { return false }
        return true
    }

    /// Order-independent hash, consistent with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) {
        var sum = 0
        for member in members {
            var inner = Hasher()
            inner.combine(member.key)
            inner.combine(member.value)
            sum &+= inner.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }

    /// The members, in order.
    public private(set) var members: [JSONMember]

    /// An empty object.
    public init() { members = [] }

    /// An object of these members, in this order (a later repeated key replaces the earlier value).
    public init(_ members: [JSONMember]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for member in members { self[member.key] = member.value }
    }

    /// An object from `(key, value)` pairs, in this order.
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.init(pairs.map { JSONMember($0.key, $0.value) })
    }

    /// Number of members.
    public var count: Int { members.count }

    /// Whether there are no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The member names, in order.
    public var keys: [String] { members.map(\.key) }

    /// Iterates the members in order.
    public func makeIterator() -> IndexingIterator<[JSONMember]> { members.makeIterator() }

    /// Reads or sets (appending when new, replacing in place otherwise) a member; `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(JSONMember(key, newValue))
            }
        }
    }

    /// Appends without checking for an existing key (the parser's fast path; it checks itself).
    mutating func appendUnchecked(_ member: JSONMember) { members.append(member) }

    /// Removes and returns a member.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let index = members.firstIndex(where: { $0.key == key }) else { return nil }
        return members.remove(at: index).value
    }
}

extension JSONValue {
    /// The value as JSON text: compact, or indented by two spaces with `pretty`.
    /// Member order and number text are written exactly as held.
    public func serialized(pretty: Bool = false) -> String {
        var output = ""
        output.reserveCapacity(1024)
        write(into: &output, pretty: pretty, indent: 0)
        if pretty { output += "\n" }
        return output
    }

    /// The value as UTF-8 JSON bytes.
    public func serializedBytes(pretty: Bool = false) -> [UInt8] {
        Array(serialized(pretty: pretty).utf8)
    }

    private func write(into output: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): JSONValue.writeString(text, into: &output)
        case .array(let elements):
            if elements.isEmpty { output += "[]"; return }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                if pretty { output += "\n"; output += String(repeating: "  ", count: indent + 1) }
                element.write(into: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { output += "\n"; output += String(repeating: "  ", count: indent) }
            output += "]"
        case .object(let object):
            if object.isEmpty { output += "{}"; return }
            output += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { output += "," }
                if pretty { output += "\n"; output += String(repeating: "  ", count: indent + 1) }
                JSONValue.writeString(member.key, into: &output)
                output += pretty ? ": " : ":"
                member.value.write(into: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { output += "\n"; output += String(repeating: "  ", count: indent) }
            output += "}"
        }
    }

    private static let hex: [Character] = Array("0123456789abcdef")

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    output += "\\u00"
                    output.append(hex[Int(scalar.value >> 4)])
                    output.append(hex[Int(scalar.value & 0xF)])
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

/// Builds a JSON pointer (RFC 6901) from reference tokens.
public enum JSONPointer {
    /// `["CFItems", "3", "a/b"]` → `/CFItems/3/a~1b`; no tokens → `""` (the whole document).
    public static func make(_ tokens: [String]) -> String {
        tokens.map { "/" + escape($0) }.joined()
    }

    /// Escapes one reference token (`~` → `~0`, `/` → `~1`).
    public static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
