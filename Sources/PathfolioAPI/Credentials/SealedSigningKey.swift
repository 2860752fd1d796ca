import Foundation
import PathfolioCore
import PathfolioCrypto
import PathfolioInterop
import PathfolioPostgres

/// Between a signing key in memory and its stored row: making a new key (its JWK, its kid, its
/// private half sealed under the key-encryption key) and opening a stored one.
enum SealedSigningKey {
    /// What binds a sealed private key to its row: a sealed key moved to another kid or
    /// institution does not open.
    static func sealingContext(kid: String, institution: InstitutionID) -> String {
        "pathfolio signing key v1|\(kid)|\(institution.description.lowercased())"
    }

    /// The JWK of a public key, its kid the key's RFC 7638 thumbprint.
    static func jwk(of parameters: PublicKeyParameters) -> JSONWebKey {
        var key = JSONWebKey(material: JSONWebKey.Material(parameters))
        key.keyID = key.thumbprint(sha256: { SHA256.hash($0) })
        return key
    }

    /// A new key of `algorithm` for `institution`, ready to store.
    static func make(_ algorithm: SigningAlgorithm, institution: InstitutionID,
                     sealedWith kek: KeyEncryptionKey) throws(CryptoError) -> (stored: SigningKeyStore.StoredKey, key: SigningKey) {
        let key = try SigningKey.generate(algorithm)
        let jwk = jwk(of: try key.publicKey().parameters)
        let kid = jwk.keyID!
        let sealed = try kek.seal(try key.pkcs8(), context: sealingContext(kid: kid, institution: institution))
        let stored = SigningKeyStore.StoredKey(
            kid: kid, institution: institution, algorithm: algorithm.rawValue, publicJWK: JSONValue.object(jwk.publicJSON).serialized(),
            sealedPrivateKey: sealed.ciphertext, nonce: sealed.nonce, createdAt: Date(), retiredAt: nil)
        return (stored, key)
    }

    /// Opens a stored key; ``CryptoError/authenticationFailed`` with the wrong key-encryption key.
    /// The opened key must be the one the row publishes (a mismatch would sign with a key
    /// nobody can verify).
    static func open(_ stored: SigningKeyStore.StoredKey, with kek: KeyEncryptionKey) throws(CryptoError) -> SigningKey {
        guard let algorithm = SigningAlgorithm(rawValue: stored.algorithm) else { throw .malformedPrivateKey }
        let der = try kek.open(AES256GCM.Sealed(nonce: stored.nonce, ciphertext: stored.sealedPrivateKey),
                               context: sealingContext(kid: stored.kid, institution: stored.institution))
        let key = try SigningKey(pkcs8: der, algorithm: algorithm)
        guard jwk(of: try key.publicKey().parameters).keyID == stored.kid else { throw .malformedPrivateKey }
        return key
    }
}

extension JSONWebKey.Material {
    /// The JWK material of libcrypto's public parameters.
    init(_ parameters: PublicKeyParameters) {
        switch parameters {
        case .rsa(let n, let e): self = .rsa(modulus: n, exponent: e)
        case .ed25519(let x): self = .ed25519(x: x)
        }
    }

    /// libcrypto's public parameters of this JWK material.
    var parameters: PublicKeyParameters {
        switch self {
        case .rsa(let n, let e): .rsa(modulus: n, exponent: e)
        case .ed25519(let x): .ed25519(publicKey: x)
        }
    }
}
