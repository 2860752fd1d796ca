/// Byte classes of RFC 9110 §5.6 and RFC 5234, as plain functions over bytes.
enum ASCII {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9
    static let colon: UInt8 = 58

    /// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    @inline(__always)
    static func isTokenChar(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// field-vchar = VCHAR / obs-text, plus SP and HTAB inside a value.
    @inline(__always)
    static func isFieldValueChar(_ b: UInt8) -> Bool {
        (b >= 0x21 && b != 0x7F) || b == space || b == tab
    }

    @inline(__always)
    static func isHexDigit(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x46, 0x61...0x66: true
        default: false
        }
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> Int {
        switch b {
        case 0x30...0x39: Int(b - 0x30)
        case 0x41...0x46: Int(b - 0x41 + 10)
        default: Int(b - 0x61 + 10)
        }
    }

    static func isToken<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isTokenChar)
    }

    /// ASCII case-insensitive comparison of bytes with a lowercase literal.
    static func equalsLowercase<C: Collection<UInt8>>(_ bytes: C, _ lowercase: String) -> Bool {
        guard bytes.count == lowercase.utf8.count else { return false }
        for (b, l) in zip(bytes, lowercase.utf8) {
            let folded = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            if folded != l { return false }
        }
        return true
    }
}
