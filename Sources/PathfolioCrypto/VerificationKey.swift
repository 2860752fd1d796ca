internal import COpenSSL

/// A public key that checks signatures: RSA (RS256) or Ed25519 (EdDSA), made from the
/// parameters a JWK carries.
public struct VerificationKey: Sendable {
    let key: EVPKey
    /// The key's parameters (what its JWK publishes).
    public let parameters: PublicKeyParameters

    /// The smallest RSA modulus accepted, in bits (RFC 7518 §3.3: 2048 or larger).
    public static let minimumRSABits = 2048
    /// The largest RSA modulus accepted, in bits (bounds the work a presented key can cost).
    public static let maximumRSABits = 8192

    /// A key from JWK parameters; refuses what is not a usable key (an RSA modulus outside
    /// 2048…8192 bits, an even or tiny exponent, an Ed25519 key not 32 bytes).
    public init(_ parameters: PublicKeyParameters) throws(CryptoError) {
        switch parameters {
        case .rsa(let modulus, let exponent):
            let n = Array(modulus.drop { $0 == 0 })
            let e = Array(exponent.drop { $0 == 0 })
            let bits = n.isEmpty ? 0 : n.count * 8 - n[0].leadingZeroBitCount
            guard (Self.minimumRSABits...Self.maximumRSABits).contains(bits) else {
                throw .malformedPublicKey("an RSA modulus of \(bits) bits (\(Self.minimumRSABits) to \(Self.maximumRSABits) are accepted)")
            }
            guard (1...8).contains(e.count), e.last! & 1 == 1, e != [1] else {
                throw .malformedPublicKey("an RSA exponent that is not an odd number above 1 of at most 64 bits")
            }
            let pointer = n.withUnsafeBufferPointer { nBuffer in
                e.withUnsafeBufferPointer { pathfolio_rsa_public_key(nBuffer.baseAddress, nBuffer.count, $0.baseAddress, $0.count) }
            }
            guard let pointer else { throw .malformedPublicKey("libcrypto refused the RSA parameters") }
            key = EVPKey(pointer)
            self.parameters = .rsa(modulus: n, exponent: e)
        case .ed25519(let x):
            guard x.count == 32 else { throw .malformedPublicKey("an Ed25519 key of \(x.count) bytes (32 expected)") }
            let pointer = x.withUnsafeBufferPointer { EVP_PKEY_new_raw_public_key(PATHFOLIO_EVP_PKEY_ED25519, nil, $0.baseAddress, 32) }
            guard let pointer else { throw .malformedPublicKey("libcrypto refused the Ed25519 key") }
            key = EVPKey(pointer)
            self.parameters = parameters
        }
    }

    /// The algorithm this key verifies.
    public var algorithm: SigningAlgorithm { parameters.algorithm }

    /// Whether `signature` is this key's signature of `message` under `algorithm`; false for a
    /// key of another algorithm, never an error (a bad signature is an answer, not a failure).
    public func verify(_ signature: [UInt8], of message: [UInt8], algorithm: SigningAlgorithm) -> Bool {
        guard algorithm == self.algorithm, !signature.isEmpty else { return false }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVPKey.digest(for: algorithm), nil, key.pointer) == 1 else {
            ERR_clear_error()
            return false
        }
        let result = signature.withUnsafeBufferPointer { signatureBuffer in
            message.withUnsafeBufferPointer {
                EVP_DigestVerify(context, signatureBuffer.baseAddress, signatureBuffer.count, $0.baseAddress, $0.count)
            }
        }
        // A failed check leaves reasons on the thread's error queue; drop them.
        if result != 1 { ERR_clear_error() }
        return result == 1
    }
}
