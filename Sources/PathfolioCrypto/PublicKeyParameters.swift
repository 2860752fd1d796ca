/// A public key's parameters as JWK carries them: RSA modulus and exponent, or the Ed25519 point.
public enum PublicKeyParameters: Sendable, Hashable {
    /// RSA: big-endian unsigned modulus `n` and exponent `e`, without leading zeros.
    case rsa(modulus: [UInt8], exponent: [UInt8])
    /// Ed25519: the 32-byte public key `x` (RFC 8037 §2).
    case ed25519(publicKey: [UInt8])

    /// The algorithm a key of these parameters signs with.
    public var algorithm: SigningAlgorithm {
        switch self {
        case .rsa: .rs256
        case .ed25519: .edDSA
        }
    }
}
