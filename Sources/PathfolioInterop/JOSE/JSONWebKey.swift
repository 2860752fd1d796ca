/// A public JSON Web Key (RFC 7517) of the two kinds Pathfolio signs with: RSA (RFC 7518 §6.3,
/// for RS256) and OKP Ed25519 (RFC 8037 §2, for EdDSA). Private members are refused when read
/// and never written.
public struct JSONWebKey: Sendable, Hashable {
    /// The key material.
    public enum Material: Sendable, Hashable {
        /// RSA: big-endian unsigned modulus and exponent, without leading zero bytes.
        case rsa(modulus: [UInt8], exponent: [UInt8])
        /// OKP with `crv` Ed25519: the 32-byte public key.
        case ed25519(x: [UInt8])
    }

    /// Members that only a private key has (RFC 7518 §6.3.2, RFC 8037 §2): a JWK carrying
    /// any of them is refused rather than half-read.
    public static let privateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]

    public var material: Material
    /// `kid`, when known.
    public var keyID: String?
    /// `alg`, when stated.
    public var algorithm: String?

    public init(material: Material, keyID: String? = nil, algorithm: String? = nil) {
        self.material = material.canonical
        self.keyID = keyID
        self.algorithm = algorithm
    }

    /// Reads a JWK object.
    public static func parse(_ value: JSONValue) throws(JOSEError) -> JSONWebKey {
        guard let object = value.objectValue else { throw .invalidKey("it is not a JSON object") }
        if let found = privateMembers.first(where: { object[$0] != nil }) {
            throw .invalidKey("it carries the private member \"\(found)\"; a public key must not")
        }
        func bytes(_ name: String) throws(JOSEError) -> [UInt8] {
            guard let value = object[name] else { throw .invalidKey("\"\(name)\" is missing") }
            guard let text = value.stringValue, let bytes = JOSEBase64URL.decode(text), !bytes.isEmpty else {
                throw .invalidKey("\"\(name)\" is not a base64url string")
            }
            return bytes
        }
        func text(_ name: String) throws(JOSEError) -> String? {
            guard let value = object[name] else { return nil }
            guard let text = value.stringValue else { throw .invalidKey("\"\(name)\" is not a string") }
            return text
        }
        let material: Material
        switch object["kty"]?.stringValue {
        case "RSA":
            material = .rsa(modulus: try bytes("n"), exponent: try bytes("e"))
        case "OKP":
            guard try text("crv") == "Ed25519" else { throw .invalidKey("an OKP key must have \"crv\": \"Ed25519\"") }
            let x = try bytes("x")
            guard x.count == 32 else { throw .invalidKey("an Ed25519 \"x\" is 32 bytes; this is \(x.count)") }
            material = .ed25519(x: x)
        case let other?:
            throw .invalidKey("key type \"\(other)\" is not supported (RSA and OKP Ed25519 are)")
        case nil:
            throw .invalidKey("\"kty\" is missing or not a string")
        }
        if let use = try text("use"), use != "sig" { throw .invalidKey("\"use\" is \"\(use)\", not \"sig\"") }
        return JSONWebKey(material: material, keyID: try text("kid"), algorithm: try text("alg"))
    }

    /// The JWS algorithm the key type implies: `RS256` for RSA, `EdDSA` for Ed25519.
    public var impliedAlgorithm: String {
        switch material {
        case .rsa: "RS256"
        case .ed25519: "EdDSA"
        }
    }

    /// The public JWK as published: `kid` (when known), `kty`, `alg`, `use: sig`, then the key
    /// members (`n`, `e` or `crv`, `x`).
    public var publicJSON: JSONObject {
        var object = JSONObject()
        if let keyID { object["kid"] = .string(keyID) }
        switch material {
        case .rsa(let n, let e):
            object["kty"] = .string("RSA")
            object["alg"] = .string(algorithm ?? impliedAlgorithm)
            object["use"] = .string("sig")
            object["n"] = .string(JOSEBase64URL.encode(n))
            object["e"] = .string(JOSEBase64URL.encode(e))
        case .ed25519(let x):
            object["kty"] = .string("OKP")
            object["alg"] = .string(algorithm ?? impliedAlgorithm)
            object["use"] = .string("sig")
            object["crv"] = .string("Ed25519")
            object["x"] = .string(JOSEBase64URL.encode(x))
        }
        return object
    }

    /// The RFC 7638 §3.2 thumbprint input: the required members only, in lexicographic order,
    /// no whitespace (RSA `{"e","kty","n"}`, OKP `{"crv","kty","x"}` per RFC 8037 §2).
    public var thumbprintInput: [UInt8] {
        switch material {
        case .rsa(let n, let e):
            Array(#"{"e":"\#(JOSEBase64URL.encode(e))","kty":"RSA","n":"\#(JOSEBase64URL.encode(n))"}"#.utf8)
        case .ed25519(let x):
            Array(#"{"crv":"Ed25519","kty":"OKP","x":"\#(JOSEBase64URL.encode(x))"}"#.utf8)
        }
    }

    /// The RFC 7638 thumbprint: base64url of `sha256(thumbprintInput)`, the hash supplied by
    /// the caller (no cryptography in Interop).
    public func thumbprint(sha256: ([UInt8]) -> [UInt8]) -> String {
        JOSEBase64URL.encode(sha256(thumbprintInput))
    }
}

extension JSONWebKey.Material {
    /// RSA integers without leading zero bytes (RFC 7518 §6.3.1 wants the minimal form, and the
    /// thumbprint depends on it).
    var canonical: Self {
        switch self {
        case .rsa(let n, let e):
            let strip: ([UInt8]) -> [UInt8] = { bytes in
                let trimmed = Array(bytes.drop { $0 == 0 })
                return trimmed.isEmpty ? [0] : trimmed
            }
            return .rsa(modulus: strip(n), exponent: strip(e))
        case .ed25519: return self
        }
    }
}
