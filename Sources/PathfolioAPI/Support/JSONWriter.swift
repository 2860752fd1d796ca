import Foundation
import PathfolioCore
import PathfolioHTTP

/// JSON written straight into bytes, for the large documents of the busiest endpoints (a
/// learner's progress is 200 states, 80 KB): the same bytes ``APIJSON`` gets from
/// `JSONEncoder` — members in byte order of their names, no whitespace, `/` unescaped, nil
/// members left out, timestamps as ``Timestamp`` writes them — at a fraction of the cost
/// (the encoder builds a tree of boxed values and sorts every object's keys on the way).
/// `JSONWriterTests` holds each writer to the encoder's output.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the container being written has no member or element yet.
    private var isFirst = true

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes an object; `body` writes its members, in byte order of their names.
    mutating func object(_ body: (inout JSONWriter) -> Void) {
        let outer = isFirst
        bytes.append(UInt8(ascii: "{"))
        isFirst = true
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        isFirst = outer
    }

    /// Writes an array of `items`, each with `body`.
    mutating func array<Items: Sequence>(_ items: Items, _ body: (inout JSONWriter, Items.Element) -> Void) {
        let outer = isFirst
        bytes.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            body(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
        isFirst = outer
    }

    /// Starts a member of the current object (its value comes next).
    mutating func key(_ name: StaticString) {
        if !isFirst { bytes.append(UInt8(ascii: ",")) }
        isFirst = false
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0x0F)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            if value == .min { bytes.append(contentsOf: String(value).utf8.dropFirst()); return }
        }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// An id, in the lower-case canonical form the API prints.
    mutating func id<Subject>(_ id: Identifier<Subject>) {
        bytes.append(UInt8(ascii: "\""))
        withUnsafeBytes(of: id.uuid.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A score, as its two-place text (how `Score` encodes itself).
    mutating func score(_ score: Score) {
        string(score.description)
    }

    /// An instant, as ``Timestamp/format(_:)`` writes it.
    mutating func timestamp(_ date: Date) {
        bytes.append(UInt8(ascii: "\""))
        Timestamp.write(date, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// A representation that writes its JSON itself (``JSONWriter``); still `Encodable`, and
/// writing the same bytes as encoding it.
protocol JSONWritable: Encodable {
    func write(to json: inout JSONWriter)
}

extension HTTPResponse {
    /// `value` as `application/json`, written by the value itself.
    static func json(_ value: some JSONWritable, status: HTTPStatus = .ok, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var writer = JSONWriter(capacity: 4096)
        value.write(to: &writer)
        var response = HTTPResponse.json(writer.bytes, status: status)
        for (name, value) in headers { response.headers[name] = value }
        return response
    }
}
