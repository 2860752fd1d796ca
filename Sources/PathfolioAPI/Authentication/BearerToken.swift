import PathfolioCrypto

/// A bearer token: `pf_` and 43 base64url characters (32 random bytes). The secret is shown
/// once, when made; only its SHA-256 is stored.
public struct BearerToken: Sendable {
    /// The text the holder sends in `Authorization: Bearer …`.
    public let secret: String

    /// A token from its text (as presented by a client).
    public init(secret: String) { self.secret = secret }

    /// A new random token.
    public static func generate() throws -> BearerToken {
        BearerToken(secret: "pf_" + Base64URL.encode(try SecureRandom.bytes(32)))
    }

    /// The SHA-256 of the secret, as stored in `api_tokens.token_hash`.
    public var hash: [UInt8] { SHA256.hash(Array(secret.utf8)) }
}
