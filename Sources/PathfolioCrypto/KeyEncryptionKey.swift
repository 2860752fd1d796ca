/// The 32-byte key that seals signing keys at rest (AES-256-GCM). It lives outside the database
/// (`PATHFOLIO_KEY_ENCRYPTION_KEY` or a file), so a copy of the database alone cannot sign.
public struct KeyEncryptionKey: Sendable {
    let bytes: [UInt8]

    /// A key of exactly 32 bytes.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == 32 else { throw .invalidKeyEncryptionKey("it is \(bytes.count) bytes; 32 are needed") }
        self.bytes = bytes
    }

    /// A key from standard base64 (padding optional, surrounding whitespace ignored) or base64url.
    public init(base64 text: String) throws(CryptoError) {
        let trimmed = String(text.unicodeScalars.filter { !" \t\r\n".unicodeScalars.contains($0) })
        let unpadded = String(trimmed.reversed().drop { $0 == "=" }.reversed())
        let urlForm = String(unpadded.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
        guard let bytes = Base64URL.decode(urlForm) else {
            throw .invalidKeyEncryptionKey("it is not base64 (make one with `openssl rand -base64 32`)")
        }
        try self.init(bytes: bytes)
    }

    /// A new random key.
    public static func generate() throws(CryptoError) -> KeyEncryptionKey {
        do { return try KeyEncryptionKey(bytes: try SecureRandom.bytes(32)) } catch { throw .randomFailed }
    }

    /// The key as standard base64 (for writing a key file).
    public var base64: String {
        let url = Base64URL.encode(bytes)
        let standard = String(url.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        return standard + String(repeating: "=", count: (4 - standard.count % 4) % 4)
    }

    /// Seals `plaintext`, bound to `context` (e.g. the key's id and institution).
    public func seal(_ plaintext: [UInt8], context: String) throws(CryptoError) -> AES256GCM.Sealed {
        try AES256GCM.seal(plaintext, key: bytes, associatedData: Array(context.utf8))
    }

    /// Opens what ``seal(_:context:)`` sealed with the same key and context.
    public func open(_ sealed: AES256GCM.Sealed, context: String) throws(CryptoError) -> [UInt8] {
        try AES256GCM.open(sealed, key: bytes, associatedData: Array(context.utf8))
    }
}
