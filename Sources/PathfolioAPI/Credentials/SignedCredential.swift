public import PathfolioCrypto

/// A credential signed as a VC-JWT (OB 3.0 §8.2).
public struct SignedCredential: Sendable, Hashable {
    /// The compact JWS: the credential and its proof, served as `text/plain` (OB 3.0 §5.3).
    public let compact: String
    /// The signing key's id (its RFC 7638 thumbprint), as published in the JWKS.
    public let kid: String
    /// `RS256` or `EdDSA`.
    public let algorithm: SigningAlgorithm
}
