/// The JWS algorithms Pathfolio signs and verifies with (RFC 7518 §3.3, RFC 8037 §3.1).
public enum SigningAlgorithm: String, Sendable, Hashable, CaseIterable, Codable {
    /// RSASSA-PKCS1-v1_5 with SHA-256, over a 2048-bit key: what every Open Badges 3.0 verifier supports.
    case rs256 = "RS256"
    /// Ed25519 (EdDSA over edwards25519, RFC 8032).
    case edDSA = "EdDSA"
}
