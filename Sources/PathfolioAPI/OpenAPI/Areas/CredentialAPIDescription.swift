import PathfolioInterop

/// Signed credentials (SPEC §1.6): the public keys, verifying a VC-JWT, and the institution's
/// signing algorithm (``CredentialRoutes``, ``CredentialSettingsRoutes``).
enum CredentialAPIDescription {
    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .get, path: "/.well-known/jwks.json", operationId: "getSigningKeys",
            summary: "The public keys that verify this service's credentials",
            description: "Every institution's signing keys as a JWK Set (RFC 7517 §5): RSA keys (`RS256`) with `n` and `e`, Ed25519 keys (`EdDSA`, `kty` OKP, `crv` Ed25519) with `x`. Each `kid` is the key's RFC 7638 thumbprint, the same `kid` a credential's `jwk` header carries. Retired keys (rotated out) stay listed, so credentials they signed still verify. Cacheable for five minutes; a verifier meeting an unknown `kid` should fetch again.",
            tag: "credentials", access: .unauthenticated,
            responses: [.json(200, "The keys.", .reference("JWKSet"), headers: ["Cache-Control": cacheControl]), .problem(503)]),
        OpenAPIOperation(
            method: .post, path: "/v1/credentials/verify", operationId: "verifyCredential",
            summary: "Verify a VC-JWT credential",
            description: """
                Checks a compact JWS credential as OB 3.0 §8.2.6 describes and answers 200 with `valid` and each finding, whatever the credential holds (garbage is `valid: false` with errors, never a 5xx). The checks, in order: `structure` (three base64url parts, a JSON object header), `algorithm` (`RS256` or `EdDSA`; `none`, `HS256` and any other are refused), `key` (the key named by `kid` or by the header's `jwk` among this service's published keys; otherwise the embedded `jwk` of a self-contained legacy VC-JWT, a warning: it proves the credential intact, not who issued it), `keyAlgorithm`, `signature`, `payload`, `credential` (its type includes VerifiableCredential), `iss`, `sub`, `jti` (each the credential's matching member), `nbf`, `exp` (against the credential's `validFrom`/`validUntil`, or `issuanceDate`/`expirationDate` in the legacy `vc` claim, and the verifier's clock, 60 s leeway), `issuer` (for this service's keys: `iss` is the key's institution, `urn:uuid:<institution id>`) and `revocation`. `valid` is true when no check failed; `errors` repeats the failed ones. No token needed: verifiers are other institutions. A body that is not a JSON object with a string `credential` is a 400.
                """,
            tag: "credentials", access: .unauthenticated,
            requestBody: .json(.reference("CredentialVerificationInput"), "The credential."),
            responses: [
                .json(200, "What each check found.", .reference("CredentialVerification")),
                .badRequest, .contentTooLarge, .unsupportedMediaType, .problem(503),
            ]),
        OpenAPIOperation(
            method: .get, path: "/v1/settings/credentials", operationId: "getCredentialSettings",
            summary: "How the institution signs credentials",
            description: "The algorithm the institution's credentials are signed with: `RS256` (the default, the one every OB 3.0 verifier supports) or `EdDSA` (Ed25519).",
            tag: "credentials",
            access: .roles([.registrar, .admin], scope: "Registrars and admins of the institution; anyone else gets 404."),
            responses: [.json(200, "The setting.", .reference("CredentialSettings")), .notFound]),
        OpenAPIOperation(
            method: .put, path: "/v1/settings/credentials", operationId: "setCredentialSettings",
            summary: "Change the credential-signing algorithm",
            description: "The next credential is signed with the institution's current key of the new algorithm, made on first use; keys of the other algorithm stay published, so what they signed still verifies. A change is recorded in the audit log.",
            tag: "credentials", access: .roles([.admin], scope: "Admins only; anyone else gets 404."),
            requestBody: .json(.reference("CredentialSettings"), "The algorithm."),
            responses: [
                .json(200, "The setting as stored.", .reference("CredentialSettings")),
                .badRequest, .notFound, .contentTooLarge, .unsupportedMediaType,
            ]),
    ]

    static let cacheControl: JSONValue = .object(JSONObject([
        "description": .string("`public, max-age=300`."), "schema": JSONSchema.string().json,
    ]))

    static let base64url = JSONSchema.string(pattern: "^[A-Za-z0-9_-]+$")

    static let schemas: KeyValuePairs<String, JSONSchema> = [
        "JWKSet": .object(required: ["keys": .array(of: .reference("JWK"))]),
        "JWK": .oneOf([
            .object(required: [
                "kid": base64url, "kty": .constant("RSA"), "alg": .constant("RS256"), "use": .constant("sig"),
                "n": base64url, "e": base64url,
            ]),
            .object(required: [
                "kid": base64url, "kty": .constant("OKP"), "alg": .constant("EdDSA"), "use": .constant("sig"),
                "crv": .constant("Ed25519"), "x": base64url,
            ]),
        ]),
        "CredentialVerificationInput": .object(required: [
            "credential": JSONSchema.string().described("The compact JWS (`header.payload.signature`)."),
        ]),
        "CredentialVerification": .object(required: [
            "valid": JSONSchema.boolean.described("True when no check failed."),
            "checks": .array(of: .object(required: [
                "check": .enumeration(["structure", "algorithm", "key", "keyAlgorithm", "signature", "payload", "credential",
                                       "iss", "sub", "jti", "nbf", "exp", "issuer", "revocation"]),
                "status": .enumeration(["passed", "failed", "warning", "skipped"]),
                "detail": .string(),
            ])),
            "errors": .array(of: .object(required: ["check": .string(), "detail": .string()])),
        ]),
        "CredentialSettings": .object(required: ["algorithm": .enumeration(["RS256", "EdDSA"])]),
    ]
}
