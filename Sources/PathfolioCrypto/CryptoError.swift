/// Why a cryptographic operation failed. Messages are for operators' logs and tests; they never
/// carry key material.
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libcrypto could not make a key pair.
    case keyGenerationFailed
    /// The bytes are not a private key of the expected kind (PKCS#8 DER).
    case malformedPrivateKey
    /// The public key parameters do not make a key (an empty modulus, an Ed25519 key not 32 bytes).
    case malformedPublicKey(String)
    /// libcrypto refused to sign.
    case signingFailed
    /// A key for one algorithm was asked to do another's work.
    case algorithmMismatch(expected: SigningAlgorithm, actual: SigningAlgorithm)
    /// A key-encryption key that is not 32 bytes.
    case invalidKeyEncryptionKey(String)
    /// Sealed bytes did not open: the wrong key, other associated data, or altered bytes
    /// (AES-GCM authenticates all three, so nothing is returned).
    case authenticationFailed
    /// The system's secure random number generator failed.
    case randomFailed

    public var description: String {
        switch self {
        case .keyGenerationFailed: "libcrypto could not generate a key pair"
        case .malformedPrivateKey: "the bytes are not a PKCS#8 private key"
        case .malformedPublicKey(let why): "not a usable public key: \(why)"
        case .signingFailed: "libcrypto could not sign"
        case .algorithmMismatch(let expected, let actual): "a \(actual.rawValue) key cannot do \(expected.rawValue)"
        case .invalidKeyEncryptionKey(let why): "not a usable key-encryption key: \(why)"
        case .authenticationFailed:
            "the sealed key does not open with this key-encryption key (a wrong key, or altered data)"
        case .randomFailed: "the system's secure random number generator failed"
        }
    }
}
