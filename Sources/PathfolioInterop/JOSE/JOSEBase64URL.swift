/// Base64url without padding (RFC 7515 §2, RFC 4648 §5), strict: only the 64 characters, no
/// `=`, no whitespace, and the unused low bits of the last character must be zero, so each byte
/// string has exactly one encoding (a signature or key cannot be re-spelled).
///
/// PathfolioCrypto has its own encoder; Interop depends only on Core, so JOSE parsing keeps this
/// strict decoder beside it.
public enum JOSEBase64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Encodes `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var value = UInt32(bytes[index]) << 16
            if count > 1 { value |= UInt32(bytes[index + 1]) << 8 }
            if count > 2 { value |= UInt32(bytes[index + 2]) }
            for position in 0...count { output.append(alphabet[Int(value >> (18 - 6 * UInt32(position)) & 63)]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes; nil for any character outside the alphabet, an impossible length, or non-zero
    /// trailing bits.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3 / 4)
        var value: UInt32 = 0
        var count = 0
        for byte in text.utf8 {
            let sextet: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): sextet = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): sextet = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sextet = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "-"): sextet = 62
            case UInt8(ascii: "_"): sextet = 63
            default: return nil
            }
            value = value << 6 | UInt32(sextet)
            count += 1
            if count == 4 {
                output += [UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
                value = 0
                count = 0
            }
        }
        switch count {
        case 0: break
        case 2:
            guard value & 0xF == 0 else { return nil }
            output.append(UInt8(value >> 4 & 0xFF))
        case 3:
            guard value & 0x3 == 0 else { return nil }
            output += [UInt8(value >> 10 & 0xFF), UInt8(value >> 2 & 0xFF)]
        default: return nil
        }
        return output
    }
}
