/// Percent-decoding of path segments and query items (RFC 3986 §2.1).
enum PercentDecoding {
    /// Nil when an escape is malformed or the result is not UTF-8.
    static func decode<S: StringProtocol>(_ s: S, plusAsSpace: Bool = false) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%") {
                guard let h = it.next(), let l = it.next(), ASCII.isHexDigit(h), ASCII.isHexDigit(l) else { return nil }
                out.append(UInt8(ASCII.hexValue(h) << 4 | ASCII.hexValue(l)))
            } else if plusAsSpace, b == UInt8(ascii: "+") {
                out.append(ASCII.space)
            } else {
                out.append(b)
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
