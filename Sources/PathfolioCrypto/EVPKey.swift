internal import COpenSSL

/// Owns one libcrypto `EVP_PKEY` (freed with the last reference). libcrypto allows concurrent
/// signing and verifying with one key as long as each operation has its own context, which
/// every method here makes, so sharing across tasks is safe.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// `RSA` or `ED25519`, from libcrypto's own id.
    var algorithm: SigningAlgorithm? {
        switch EVP_PKEY_get_base_id(pointer) {
        case PATHFOLIO_EVP_PKEY_RSA: .rs256
        case PATHFOLIO_EVP_PKEY_ED25519: .edDSA
        default: nil
        }
    }

    /// The public parameters, as JWK needs them.
    func publicParameters() throws(CryptoError) -> PublicKeyParameters {
        switch algorithm {
        case .rs256:
            return .rsa(modulus: try component("n"), exponent: try component("e"))
        case .edDSA:
            var length = 32
            var bytes = [UInt8](repeating: 0, count: 32)
            guard EVP_PKEY_get_raw_public_key(pointer, &bytes, &length) == 1, length == 32 else {
                throw .malformedPublicKey("no Ed25519 public key")
            }
            return .ed25519(publicKey: bytes)
        case nil:
            throw .malformedPublicKey("neither RSA nor Ed25519")
        }
    }

    private func component(_ name: String) throws(CryptoError) -> [UInt8] {
        let length = pathfolio_rsa_component(pointer, name, nil)
        guard length > 0 else { throw .malformedPublicKey("no RSA \(name)") }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        guard pathfolio_rsa_component(pointer, name, &bytes) == length else { throw .malformedPublicKey("no RSA \(name)") }
        return bytes
    }

    /// The digest a JWS algorithm signs through: SHA-256 for RS256, none for Ed25519 (which hashes itself).
    static func digest(for algorithm: SigningAlgorithm) -> OpaquePointer? {
        algorithm == .rs256 ? EVP_sha256() : nil
    }
}
