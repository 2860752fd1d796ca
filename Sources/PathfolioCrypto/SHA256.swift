internal import COpenSSL

/// SHA-256 through libcrypto.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let input = Array(bytes)
        input.withUnsafeBufferPointer { buffer in
            digest.withUnsafeMutableBufferPointer { output in
                _ = COpenSSL.SHA256(buffer.baseAddress, buffer.count, output.baseAddress)
            }
        }
        return digest
    }

    /// The digest as lowercase hexadecimal.
    public static func hexDigest(_ bytes: some Collection<UInt8>) -> String {
        hex(hash(bytes))
    }

    /// Bytes (a digest already computed) as lowercase hexadecimal.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
