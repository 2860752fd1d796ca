import Foundation
import PathfolioCore
import PathfolioCrypto
import PathfolioInterop
import PathfolioPostgres

/// Verifies a presented VC-JWT (OB 3.0 §8.2.6) and says what each check found:
///
/// 1. `structure`: a compact JWS whose header is a JSON object.
/// 2. `algorithm`: `alg` is RS256 or EdDSA (`none`, HS256 and every other are refused), no
///    `crit` extensions; `typ`, when present, `JWT`.
/// 3. `key`: the key named by `kid` (in the header or its `jwk`), or by the embedded `jwk`'s
///    thumbprint, among this service's published keys; otherwise the embedded `jwk` itself (a
///    self-contained legacy VC-JWT), reported as a warning: that proves integrity, not issuer.
/// 4. `keyAlgorithm`: `alg` fits the key (RS256 an RSA key, EdDSA an Ed25519 key, and ours the
///    algorithm they were made for).
/// 5. `signature`: RFC 7515 §5.2 over the header and payload as received.
/// 6. `payload`, `credential`, `iss`, `sub`, `jti`, `nbf`, `exp`: the claims against the
///    credential (either shape), expiry and not-before at the verifier's clock (60 s leeway).
/// 7. `issuer`: for our keys, `iss` is the key's institution's issuer id; a foreign key claiming
///    one of our institutions as issuer fails.
/// 8. `revocation`: for our keys, the credential id is not in the institution's revocations.
///
/// `valid` is true when nothing failed. Nothing here throws for any input: garbage is an answer.
struct CredentialVerifier: Sendable {
    let pool: PostgresPool

    static let allowedAlgorithms: Set<String> = ["RS256", "EdDSA"]
    /// Header members OB 3.0 §8.2.3 allows (any other is reported, not refused).
    static let knownHeaderMembers: Set<String> = ["alg", "kid", "jwk", "typ"]

    func verify(_ text: String, now: Date) async throws -> CredentialVerification {
        var checks: [CredentialCheck] = []
        let jws: JWSCompact
        do {
            jws = try JWSCompact.parse(text)
            checks.append(CredentialCheck("structure", .passed, "a compact JWS with a JSON object header"))
        } catch {
            return CredentialVerification(checks: [CredentialCheck("structure", .failed, error.description)])
        }

        // The header: algorithm and what else it says.
        let algorithm = jws.header["alg"]?.stringValue
        var algorithmProblems: [String] = []
        var algorithmWarnings: [String] = []
        switch algorithm {
        case nil: algorithmProblems.append("the header has no string alg")
        case let alg? where !Self.allowedAlgorithms.contains(alg):
            algorithmProblems.append("alg \"\(alg)\" is refused: only RS256 and EdDSA are accepted")
        default: break
        }
        if jws.header["crit"] != nil { algorithmProblems.append("the header names crit extensions, which this verifier does not understand") }
        if let typ = jws.header["typ"], typ != .string("JWT") {
            algorithmWarnings.append("typ is \(typ.serialized()), where OB 3.0 says \"JWT\"")
        }
        let extra = jws.header.keys.filter { !Self.knownHeaderMembers.contains($0) && $0 != "crit" }
        if !extra.isEmpty { algorithmWarnings.append("header members OB 3.0 does not allow: \(extra.joined(separator: ", "))") }
        if !algorithmProblems.isEmpty {
            checks.append(CredentialCheck("algorithm", .failed, (algorithmProblems + algorithmWarnings).joined(separator: "; ")))
        } else if !algorithmWarnings.isEmpty {
            checks.append(CredentialCheck("algorithm", .warning, "alg \(algorithm!); " + algorithmWarnings.joined(separator: "; ")))
        } else {
            checks.append(CredentialCheck("algorithm", .passed, "alg \(algorithm!)"))
        }

        // The key.
        var embedded: JSONWebKey?
        var embeddedProblem: String?
        if let value = jws.header["jwk"] {
            do { embedded = try JSONWebKey.parse(value) } catch { embeddedProblem = "the header's jwk: \(error.description)" }
        }
        var headerKid: String?
        var kidProblem: String?
        switch jws.header["kid"] {
        case nil: break
        case .string(let kid)?: headerKid = kid
        case let other?: kidProblem = "the header's kid is a JSON \(other.typeName), not a string"
        }
        let thumbprint = embedded.map { $0.thumbprint(sha256: { SHA256.hash($0) }) }
        var candidates: [String] = []
        for kid in [headerKid, embedded?.keyID, thumbprint].compactMap({ $0 }) where !candidates.contains(kid) && kid.utf8.count <= 200 {
            candidates.append(kid)
        }
        let lookups = try await pool.withConnection { connection in
            var found: [String: SigningKeyStore.PublishedKey] = [:]
            for kid in candidates {
                if let key = try await connection.run(SigningKeyStore.published(kid: kid)) { found[kid] = key }
            }
            return found
        }
        let ours = candidates.lazy.compactMap { lookups[$0] }.first

        var verificationKey: JSONWebKey?
        var keyCheck: CredentialCheck
        if let problem = kidProblem ?? embeddedProblem {
            keyCheck = CredentialCheck("key", .failed, problem)
        } else if let ours {
            let published = try? JSONParser().parse(ours.publicJWK)
            let publishedKey = published.flatMap { try? JSONWebKey.parse($0) }
            if let publishedKey {
                let state = ours.retiredAt.map { "retired \(Timestamp.format($0))" } ?? "current"
                if let embedded, embedded.material != publishedKey.material {
                    keyCheck = CredentialCheck("key", .failed, "the header's jwk is not the key this service published as \(ours.kid)")
                } else if let headerKid, headerKid != ours.kid, lookups[headerKid] == nil {
                    keyCheck = CredentialCheck("key", .failed, "kid \"\(headerKid)\" is not the kid of the header's jwk (\(ours.kid))")
                } else {
                    verificationKey = publishedKey
                    keyCheck = CredentialCheck("key", .passed, "key \(ours.kid) of this service (\(ours.algorithm), \(state))")
                }
            } else {
                keyCheck = CredentialCheck("key", .failed, "the published key \(ours.kid) cannot be read")
            }
        } else if let embedded {
            verificationKey = embedded
            let named = headerKid.map { " (kid \"\($0)\" is not one of this service's keys and was not fetched)" } ?? ""
            keyCheck = CredentialCheck("key", .warning, "the key embedded in the header (thumbprint \(thumbprint!)) is not one this service "
                                       + "published\(named): a valid signature shows the credential is intact, not who issued it")
        } else if let headerKid {
            keyCheck = CredentialCheck("key", .failed, "kid \"\(headerKid)\" is not a key this service published, and the header carries no jwk")
        } else {
            keyCheck = CredentialCheck("key", .failed, "the header has neither a kid nor a jwk: there is no key to verify with")
        }
        checks.append(keyCheck)

        // The algorithm against the key, then the signature.
        if let verificationKey, let algorithm, Self.allowedAlgorithms.contains(algorithm) {
            let implied = verificationKey.impliedAlgorithm
            if implied != algorithm || (ours != nil && ours!.algorithm != algorithm) {
                checks.append(CredentialCheck("keyAlgorithm", .failed, "alg \(algorithm) does not fit the key, which signs \(ours?.algorithm ?? implied)"))
                checks.append(CredentialCheck("signature", .skipped, "not checked: the algorithm does not fit the key"))
            } else {
                checks.append(CredentialCheck("keyAlgorithm", .passed, "alg \(algorithm) fits the \(implied == "RS256" ? "RSA" : "Ed25519") key"))
                do {
                    let key = try VerificationKey(verificationKey.material.parameters)
                    if key.verify(jws.signature, of: jws.signingInput, algorithm: SigningAlgorithm(rawValue: algorithm)!) {
                        checks.append(CredentialCheck("signature", .passed, "the signature verifies"))
                    } else {
                        checks.append(CredentialCheck("signature", .failed, "the signature does not verify with the key"))
                    }
                } catch {
                    checks.append(CredentialCheck("signature", .failed, "the key cannot be used: \(error.description)"))
                }
            }
        } else {
            checks.append(CredentialCheck("keyAlgorithm", .skipped, "not checked: no usable key or algorithm"))
            checks.append(CredentialCheck("signature", .skipped, "not checked: no usable key or algorithm"))
        }

        // The payload and its claims.
        let payload: VCJWTPayload
        do {
            payload = try VCJWTPayload(jws.payload)
            checks.append(CredentialCheck("payload", .passed, payload.shape == .legacyVCClaim ? "JWT claims with the credential in a vc claim" : "JWT claims and the credential"))
        } catch {
            checks.append(CredentialCheck("payload", .failed, error.description))
            return CredentialVerification(checks: checks)
        }
        checks += payload.checks(now: now)

        // Whose credential, and whether it was revoked.
        let issuer = payload.issuer
        if let ours {
            let expected = CredentialIssuer.id(for: ours.institution)
            if issuer == expected {
                checks.append(CredentialCheck("issuer", .passed, "issued by this service's institution \(expected)"))
            } else {
                checks.append(CredentialCheck("issuer", .failed, "iss \(issuer.map { "\"\($0)\"" } ?? "(none)") is not \(expected), the institution that owns key \(ours.kid)"))
            }
            if let credentialID = payload.tokenID ?? payload.credentialID {
                let revocation = try await pool.withConnection { connection in
                    try await connection.run(CredentialRevocationStore.revocation(institution: ours.institution, credentialID: credentialID))
                }
                if let revocation {
                    let reason = revocation.reason.isEmpty ? "" : ": \(revocation.reason)"
                    checks.append(CredentialCheck("revocation", .failed, "revoked \(Timestamp.format(revocation.revokedAt))\(reason)"))
                } else {
                    checks.append(CredentialCheck("revocation", .passed, "not revoked"))
                }
            } else {
                checks.append(CredentialCheck("revocation", .failed, "no credential id (jti) to look up"))
            }
        } else {
            let claimed = issuer.flatMap(CredentialIssuer.institution(from:))
            let claimsOurs = try await claimed.asyncMap { institution in
                try await pool.withConnection { try await $0.run(InstitutionStore.exists(institution)) }
            } ?? false
            if claimsOurs {
                checks.append(CredentialCheck("issuer", .failed, "iss \(issuer!) is an institution of this service, but the credential is not signed with any of its keys"))
            } else {
                checks.append(CredentialCheck("issuer", .warning, "issuer \(issuer.map { "\"\($0)\"" } ?? "(none)") is not an institution of this service"))
            }
            checks.append(CredentialCheck("revocation", .skipped, "this service knows revocations only of the credentials it issued"))
        }
        return CredentialVerification(checks: checks)
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
