/// Why a compact JWS, a JWK or a VC-JWT was refused. Each case reads as a sentence for a
/// verifier's `errors`.
public enum JOSEError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing was given.
    case empty
    /// Longer than the limit.
    case tooLarge(limit: Int)
    /// Not three dot-separated parts (compact JWS, RFC 7515 §7.1).
    case segmentCount(Int)
    /// A part is not unpadded base64url.
    case notBase64URL(part: String)
    /// A part that must be JSON is not.
    case notJSON(part: String, reason: String)
    /// A part that must be a JSON object is another JSON value.
    case notObject(part: String)
    /// The signature part is empty (an unsecured JWS).
    case emptySignature
    /// A JWK that cannot be used.
    case invalidKey(String)
    /// A JWT claim or credential member that does not fit.
    case invalidClaim(String)

    public var description: String {
        switch self {
        case .empty: "no credential was given"
        case .tooLarge(let limit): "the credential is longer than \(limit) characters"
        case .segmentCount(let count): "a compact JWS has 3 dot-separated parts; this has \(count)"
        case .notBase64URL(let part): "the \(part) is not unpadded base64url"
        case .notJSON(let part, let reason): "the \(part) is not JSON (\(reason))"
        case .notObject(let part): "the \(part) is not a JSON object"
        case .emptySignature: "the signature part is empty (an unsecured JWS)"
        case .invalidKey(let why): "the JWK cannot be used: \(why)"
        case .invalidClaim(let why): why
        }
    }
}
