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
    private let output: Output
    /// Whether the container being written has no member or element yet.
    private var isFirst = true

    init(capacity: Int = 1024) {
        output = Output(capacity: capacity)
    }

    /// What has been written.
    var bytes: [UInt8] { output.bytes }

    /// Writes an object; `body` writes its members, in byte order of their names.
    mutating func object(_ body: (inout JSONWriter) -> Void) {
        let outer = isFirst
        output.put(UInt8(ascii: "{"))
        isFirst = true
        body(&self)
        output.put(UInt8(ascii: "}"))
        isFirst = outer
    }

    /// Writes an array of `items`, each with `body`.
    mutating func array<Items: Sequence>(_ items: Items, _ body: (inout JSONWriter, Items.Element) -> Void) {
        let outer = isFirst
        output.put(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { output.put(UInt8(ascii: ",")) }
            first = false
            body(&self, item)
        }
        output.put(UInt8(ascii: "]"))
        isFirst = outer
    }

    /// Starts a member of the current object (its value comes next).
    mutating func key(_ name: StaticString) {
        if !isFirst { output.put(UInt8(ascii: ",")) }
        isFirst = false
        output.put(UInt8(ascii: "\""))
        output.put(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        output.put(UInt8(ascii: "\""))
        output.put(UInt8(ascii: ":"))
    }

    mutating func string(_ text: String) {
        output.put(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.put(UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                output.put(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.put(byte)
                case 0x08: output.put(UInt8(ascii: "b"))
                case 0x09: output.put(UInt8(ascii: "t"))
                case 0x0A: output.put(UInt8(ascii: "n"))
                case 0x0C: output.put(UInt8(ascii: "f"))
                case 0x0D: output.put(UInt8(ascii: "r"))
                default:
                    output.put(UInt8(ascii: "u"))
                    output.put(UInt8(ascii: "0"))
                    output.put(UInt8(ascii: "0"))
                    output.put(Self.hexDigits[Int(byte >> 4)])
                    output.put(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
            output.put(UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        output.put(UInt8(ascii: "\""))
    }

    mutating func int(_ value: Int) {
        if value < 0 {
            output.put(UInt8(ascii: "-"))
            if value == .min {
                var text = String(value).dropFirst()
                text.withUTF8 { output.put($0) }
                return
            }
        }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.put(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// An id, in the lower-case canonical form the API prints.
    mutating func id<Subject>(_ id: Identifier<Subject>) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 38) { text in
            text[0] = UInt8(ascii: "\"")
            var index = 1
            withUnsafeBytes(of: id.uuid.uuid) { raw in
                for (position, byte) in raw.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        text[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    text[index] = Self.hexDigits[Int(byte >> 4)]
                    text[index + 1] = Self.hexDigits[Int(byte & 0x0F)]
                    index += 2
                }
            }
            text[37] = UInt8(ascii: "\"")
            output.put(UnsafeBufferPointer(text))
        }
    }

    /// A score, as its two-place text (how `Score` encodes itself).
    mutating func score(_ score: Score) {
        string(score.description)
    }

    /// An instant, as ``Timestamp/format(_:)`` writes it.
    mutating func timestamp(_ date: Date) {
        output.put(UInt8(ascii: "\""))
        Timestamp.withText(date) { output.put($0) }
        output.put(UInt8(ascii: "\""))
    }

    /// Members written before (``members(_:)``), as they are: `"a":1,"b":2`.
    mutating func members(_ written: [UInt8]) {
        guard !written.isEmpty else { return }
        if !isFirst { output.put(UInt8(ascii: ",")) }
        isFirst = false
        written.withUnsafeBufferPointer { output.put($0) }
    }

    /// The members `body` writes, without the braces, to put into objects later with
    /// ``members(_:)`` (the parts of a document that stay the same from one request to the next).
    static func members(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.object(body)
        return Array(writer.bytes.dropFirst().dropLast())
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The bytes, in memory of its own: appending costs no copy-on-write check.
    private final class Output {
        private var base: UnsafeMutablePointer<UInt8>
        private var count = 0
        private var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

        @inline(__always)
        func put(_ byte: UInt8) {
            if count == capacity { grow(to: count + 1) }
            base[count] = byte
            count += 1
        }

        @inline(__always)
        func put(_ buffer: UnsafeBufferPointer<UInt8>) {
            guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
            if count + buffer.count > capacity { grow(to: count + buffer.count) }
            (base + count).update(from: source, count: buffer.count)
            count += buffer.count
        }

        private func grow(to needed: Int) {
            let larger = max(needed, capacity * 2)
            let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            moved.update(from: base, count: count)
            base.deallocate()
            base = moved
            capacity = larger
        }
    }
}

/// A representation that writes its JSON itself (``JSONWriter``); still `Encodable`, and
/// writing the same bytes as encoding it.
protocol JSONWritable: Encodable {
    func write(to json: inout JSONWriter)
    /// About how many bytes it writes (the buffer starts that large).
    var estimatedSize: Int { get }
}

extension JSONWritable {
    var estimatedSize: Int { 4096 }
}

extension HTTPResponse {
    /// `value` as `application/json`, written by the value itself.
    static func json(_ value: some JSONWritable, status: HTTPStatus = .ok, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var writer = JSONWriter(capacity: value.estimatedSize)
        value.write(to: &writer)
        var response = HTTPResponse.json(writer.bytes, status: status)
        for (name, value) in headers { response.headers[name] = value }
        return response
    }
}
