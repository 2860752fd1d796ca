internal import COpenSSL

/// AES-256-GCM (NIST SP 800-38D) for sealing private keys at rest: a random 96-bit nonce per
/// seal, a 128-bit tag appended to the ciphertext, and associated data that is authenticated
/// but not stored (so a sealed key moved to another row or institution does not open).
public enum AES256GCM {
    /// Nonce length in bytes.
    public static let nonceLength = 12
    /// Tag length in bytes (appended to the ciphertext).
    public static let tagLength = 16

    /// A sealed message: the nonce, and the ciphertext with its tag appended.
    public struct Sealed: Sendable, Hashable {
        public let nonce: [UInt8]
        public let ciphertext: [UInt8]

        public init(nonce: [UInt8], ciphertext: [UInt8]) {
            self.nonce = nonce
            self.ciphertext = ciphertext
        }
    }

    /// Encrypts and authenticates `plaintext` with `key` (32 bytes), binding `associatedData`.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], associatedData: [UInt8]) throws(CryptoError) -> Sealed {
        guard key.count == 32 else { throw .invalidKeyEncryptionKey("\(key.count) bytes, not 32") }
        let nonce: [UInt8]
        do { nonce = try SecureRandom.bytes(nonceLength) } catch { throw .randomFailed }
        guard let context = EVP_CIPHER_CTX_new() else { throw .signingFailed }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: plaintext.count + tagLength)
        var length: Int32 = 0
        var total = 0
        guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1,
              update(context, encrypt: true, input: associatedData, output: nil, length: &length),
              output.withUnsafeMutableBufferPointer({ buffer in
                  update(context, encrypt: true, input: plaintext, output: buffer.baseAddress, length: &length)
              })
        else { throw .signingFailed }
        total = Int(length)
        let finished = output.withUnsafeMutableBufferPointer { EVP_EncryptFinal_ex(context, $0.baseAddress! + total, &length) }
        guard finished == 1 else { throw .signingFailed }
        total += Int(length)
        var tag = [UInt8](repeating: 0, count: tagLength)
        guard EVP_CIPHER_CTX_ctrl(context, PATHFOLIO_EVP_CTRL_GCM_GET_TAG, Int32(tagLength), &tag) == 1 else { throw .signingFailed }
        return Sealed(nonce: nonce, ciphertext: Array(output.prefix(total)) + tag)
    }

    /// Decrypts `sealed`; ``CryptoError/authenticationFailed`` when the key, the associated data
    /// or any byte differs from the seal's.
    public static func open(_ sealed: Sealed, key: [UInt8], associatedData: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard key.count == 32 else { throw .invalidKeyEncryptionKey("\(key.count) bytes, not 32") }
        guard sealed.nonce.count == nonceLength, sealed.ciphertext.count >= tagLength else { throw .authenticationFailed }
        let body = Array(sealed.ciphertext.dropLast(tagLength))
        var tag = Array(sealed.ciphertext.suffix(tagLength))
        guard let context = EVP_CIPHER_CTX_new() else { throw .authenticationFailed }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: body.count + tagLength)
        var length: Int32 = 0
        guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, sealed.nonce) == 1,
              update(context, encrypt: false, input: associatedData, output: nil, length: &length),
              output.withUnsafeMutableBufferPointer({ buffer in
                  update(context, encrypt: false, input: body, output: buffer.baseAddress, length: &length)
              }),
              EVP_CIPHER_CTX_ctrl(context, PATHFOLIO_EVP_CTRL_GCM_SET_TAG, Int32(tagLength), &tag) == 1
        else {
            ERR_clear_error()
            throw .authenticationFailed
        }
        let total = Int(length)
        let finished = output.withUnsafeMutableBufferPointer { EVP_DecryptFinal_ex(context, $0.baseAddress! + total, &length) }
        guard finished == 1 else {
            ERR_clear_error()
            throw .authenticationFailed
        }
        return Array(output.prefix(total + Int(length)))
    }

    /// One `EVP_*Update` call; with `output` nil the input is associated data.
    private static func update(_ context: OpaquePointer, encrypt: Bool, input: [UInt8],
                               output: UnsafeMutablePointer<UInt8>?, length: inout Int32) -> Bool {
        guard !input.isEmpty else {
            length = 0
            return true
        }
        return input.withUnsafeBufferPointer { buffer in
            encrypt
                ? EVP_EncryptUpdate(context, output, &length, buffer.baseAddress, Int32(buffer.count)) == 1
                : EVP_DecryptUpdate(context, output, &length, buffer.baseAddress, Int32(buffer.count)) == 1
        }
    }
}
