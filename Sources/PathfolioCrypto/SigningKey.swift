internal import COpenSSL

/// A private signing key: RSA-2048 for RS256 or Ed25519 for EdDSA. Made fresh with
/// ``generate(_:)`` or read back from its PKCS#8 DER (``init(pkcs8:algorithm:)``); signs JWS
/// signing input (RS256: RSASSA-PKCS1-v1_5 over SHA-256, RFC 7518 §3.3; EdDSA: RFC 8037 §3.1).
public struct SigningKey: Sendable {
    /// RSA modulus size for new RS256 keys (RFC 7518 §3.3 requires at least 2048).
    public static let rsaBits: Int32 = 2048

    let key: EVPKey
    /// The algorithm this key signs with.
    public let algorithm: SigningAlgorithm

    /// A new random key pair for `algorithm`.
    public static func generate(_ algorithm: SigningAlgorithm) throws(CryptoError) -> SigningKey {
        guard let pointer = pathfolio_generate_key(algorithm == .rs256 ? rsaBits : 0) else { throw .keyGenerationFailed }
        return SigningKey(key: EVPKey(pointer), algorithm: algorithm)
    }

    /// Reads a PKCS#8 DER private key, which must be a key for `algorithm`.
    public init(pkcs8 der: [UInt8], algorithm: SigningAlgorithm) throws(CryptoError) {
        guard !der.isEmpty else { throw .malformedPrivateKey }
        let pointer = der.withUnsafeBufferPointer { pathfolio_private_key_from_pkcs8($0.baseAddress, $0.count) }
        guard let pointer else { throw .malformedPrivateKey }
        let key = EVPKey(pointer)
        guard let actual = key.algorithm else { throw .malformedPrivateKey }
        guard actual == algorithm else { throw .algorithmMismatch(expected: algorithm, actual: actual) }
        self.init(key: key, algorithm: algorithm)
    }

    /// An Ed25519 key from its 32-byte private seed (RFC 8032 §5.1.5; RFC 8037's `d`).
    public init(ed25519Seed seed: [UInt8]) throws(CryptoError) {
        guard seed.count == 32 else { throw .malformedPrivateKey }
        let pointer = seed.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_private_key(PATHFOLIO_EVP_PKEY_ED25519, nil, $0.baseAddress, 32)
        }
        guard let pointer else { throw .malformedPrivateKey }
        self.init(key: EVPKey(pointer), algorithm: .edDSA)
    }

    private init(key: EVPKey, algorithm: SigningAlgorithm) {
        self.key = key
        self.algorithm = algorithm
    }

    /// The private key as PKCS#8 DER (to seal and store; never to publish).
    public func pkcs8() throws(CryptoError) -> [UInt8] {
        let length = pathfolio_private_key_pkcs8(key.pointer, nil)
        guard length > 0 else { throw .malformedPrivateKey }
        var der = [UInt8](repeating: 0, count: Int(length))
        guard pathfolio_private_key_pkcs8(key.pointer, &der) == length else { throw .malformedPrivateKey }
        return der
    }

    /// The public half, to publish and to verify with.
    public func publicKey() throws(CryptoError) -> VerificationKey {
        try VerificationKey(try key.publicParameters())
    }

    /// The signature of `message` (the JWS signing input).
    public func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw .signingFailed }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVPKey.digest(for: algorithm), nil, key.pointer) == 1 else { throw .signingFailed }
        var length = 0
        let measured = message.withUnsafeBufferPointer { EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count) }
        guard measured == 1, length > 0 else { throw .signingFailed }
        var signature = [UInt8](repeating: 0, count: length)
        let signed = message.withUnsafeBufferPointer { input in
            signature.withUnsafeMutableBufferPointer { EVP_DigestSign(context, $0.baseAddress, &length, input.baseAddress, input.count) }
        }
        guard signed == 1 else { throw .signingFailed }
        return Array(signature.prefix(length))
    }
}
