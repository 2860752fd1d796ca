import Foundation

/// The JSON Web Token proof format of Open Badges 3.0 §8.2 (and CLR 2.0, which uses it as is):
/// the JOSE header, the mapping from a credential to JWT claims, and back.
///
/// - Header (§8.2.3): `alg`, `typ: "JWT"`, and the public key as `jwk` (its `kid` inside it);
///   no other members (the section allows no others).
/// - Payload (§8.2.4): the credential's own JSON object, plus `iss` ← `issuer.id`,
///   `jti` ← `id`, `sub` ← `credentialSubject.id`, `nbf` ← `validFrom`, `exp` ← `validUntil`
///   (NumericDates, whole seconds).
/// - Credentials made under VC 1.1 carry the credential in a `vc` claim instead and name the
///   dates `issuanceDate`/`expirationDate` (§8.2.6 note); ``VCJWTPayload`` reads both shapes.
public enum VCJWT {
    /// The `Content-Type` OB 3.0 §5.3 (Web Resource) gives a VC-JWT served on its own: the
    /// compact JWS as text. Files of one take the extension `.jws` or `.jwt` (§5.2).
    public static let mediaType = "text/plain"

    /// The JOSE header for a credential signed with `key` under `algorithm` (`RS256`, `EdDSA`).
    /// `keyID`, when given, also goes in the header as `kid` (OB 3.0 makes `kid` a URI a
    /// verifier dereferences, so Pathfolio, which has no public URL of its own, leaves it in the JWK).
    public static func header(algorithm: String, key: JSONWebKey, keyID: String? = nil) -> JSONObject {
        var header = JSONObject()
        header["alg"] = .string(algorithm)
        header["typ"] = .string("JWT")
        if let keyID { header["kid"] = .string(keyID) }
        header["jwk"] = .object(key.publicJSON)
        return header
    }

    /// The JWT payload for `credential` (an unsigned OB 3.0 / CLR 2.0 credential object): its
    /// members, then the registered claims. Refuses a credential without a string `id`, an
    /// `issuer` id, or an RFC 3339 `validFrom` (and an unreadable `validUntil`).
    public static func payload(for credential: JSONObject) throws(JOSEError) -> JSONObject {
        guard let id = credential["id"]?.stringValue, !id.isEmpty else {
            throw .invalidClaim("the credential has no string \"id\" (the JWT's jti)")
        }
        guard let issuer = VCJWTPayload.issuerID(of: credential), !issuer.isEmpty else {
            throw .invalidClaim("the credential has no issuer id (the JWT's iss)")
        }
        guard let validFromText = credential["validFrom"]?.stringValue, let validFrom = CASEDateTime.parse(validFromText) else {
            throw .invalidClaim("the credential has no RFC 3339 \"validFrom\" (the JWT's nbf)")
        }
        var validUntil: Date?
        if let value = credential["validUntil"] {
            guard let text = value.stringValue, let date = CASEDateTime.parse(text) else {
                throw .invalidClaim("the credential's \"validUntil\" is not an RFC 3339 date-time (the JWT's exp)")
            }
            validUntil = date
        }
        var payload = credential
        payload["iss"] = .string(issuer)
        payload["jti"] = .string(id)
        if let subject = VCJWTPayload.subjectIDs(of: credential).first { payload["sub"] = .string(subject) }
        payload["nbf"] = .number(String(Int64(validFrom.timeIntervalSince1970.rounded(.down))))
        if let validUntil { payload["exp"] = .number(String(Int64(validUntil.timeIntervalSince1970.rounded(.down)))) }
        return payload
    }

    /// Signs `credential` as a compact JWS (OB 3.0 §8.2.5 steps A–F): `sign` gets the signing
    /// input and returns the signature bytes.
    public static func sign<Failure: Error>(
        credential: JSONObject, algorithm: String, key: JSONWebKey,
        sign: ([UInt8]) throws(Failure) -> [UInt8]
    ) throws(VCJWTSigningError<Failure>) -> JWSCompact {
        let claims: JSONObject
        do { claims = try payload(for: credential) } catch { throw .credential(error) }
        do {
            return try JWSCompact.make(header: header(algorithm: algorithm, key: key), payload: JSONValue.object(claims).serializedBytes(),
                                       sign: sign)
        } catch {
            throw .signing(error)
        }
    }
}

/// Why ``VCJWT/sign(credential:algorithm:key:sign:)`` failed: the credential does not map to
/// claims, or the signer failed.
public enum VCJWTSigningError<Failure: Error>: Error {
    case credential(JOSEError)
    case signing(Failure)
}
