import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioCrypto
import PathfolioInterop
import PathfolioPostgres
import Testing

/// Signing through `CredentialSigner` (what `context.credentialSigner` is), publishing at
/// `/.well-known/jwks.json`, and verifying at `/v1/credentials/verify`, over real sockets; the
/// signatures are also checked by an independent path: the signing input rebuilt by hand from
/// the spec's steps and checked with the JWKS key through libcrypto directly.
@Suite("Signed credentials: sign, publish, verify, rotate, revoke, EdDSA, garbage")
struct CredentialSigningTests {
    typealias Who = APIWorld.Who

    /// An unsigned OB 3.0 credential of `institution`, valid from an hour ago until `until`.
    static func credential(_ institution: InstitutionID, id: String = "urn:uuid:\(UUID().uuidString.lowercased())",
                           from: Date = Date().addingTimeInterval(-3600), until: Date? = Date().addingTimeInterval(86_400 * 365)) -> JSONValue {
        var object = JSONObject([
            "@context": .array([.string("https://www.w3.org/ns/credentials/v2"), .string("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")]),
            "id": .string(id),
            "type": .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")]),
            "issuer": .object(JSONObject(["id": .string(CredentialIssuer.id(for: institution)), "type": .array([.string("Profile")]), "name": .string("Demo School")])),
            "validFrom": .string(Timestamp.format(from)),
            "credentialSubject": .object(JSONObject(["id": .string("urn:uuid:7d0c1a52-1111-4222-8333-444455556666"), "type": .array([.string("AchievementSubject")])])),
        ])
        if let until { object["validUntil"] = .string(Timestamp.format(until)) }
        return .object(object)
    }

    static func signer(_ world: APIWorld, key: KeyEncryptionKey? = nil) -> CredentialSigner {
        CredentialSigner(pool: world.pool, keyEncryptionKey: key ?? world.keyEncryptionKey)
    }

    /// The error signing answers, or nil when it signed.
    static func failure(_ signer: CredentialSigner, _ credential: JSONValue, _ institution: InstitutionID) async -> APIError? {
        do throws(APIError) {
            _ = try await signer.sign(credential: credential, institution: institution)
            return nil
        } catch {
            return error
        }
    }

    static func verify(_ world: APIWorld, _ compact: String) async throws -> APIWorld.Answer {
        try await world.call("POST", "/v1/credentials/verify", json: ["credential": compact])
    }

    static func check(_ answer: APIWorld.Answer, _ name: String) -> (status: String, detail: String)? {
        guard let checks = answer.json["checks"] as? [[String: Any]],
              let check = checks.first(where: { $0["check"] as? String == name }) else { return nil }
        return (check["status"] as! String, check["detail"] as! String)
    }

    static func failed(_ answer: APIWorld.Answer) -> [String] {
        (answer.json["errors"] as? [[String: Any]] ?? []).map { $0["check"] as! String }
    }

    /// The JWKS key with `kid`, as libcrypto parameters read with Foundation's JSON (not Interop).
    static func jwksKey(_ world: APIWorld, kid: String) async throws -> (jwk: [String: Any], key: VerificationKey)? {
        let jwks = try await world.call("GET", "/.well-known/jwks.json")
        #expect(jwks.status == 200)
        guard let keys = jwks.json["keys"] as? [[String: Any]], let jwk = keys.first(where: { $0["kid"] as? String == kid }) else { return nil }
        switch jwk["kty"] as? String {
        case "RSA":
            return (jwk, try VerificationKey(.rsa(modulus: Base64URL.decode(jwk["n"] as! String)!, exponent: Base64URL.decode(jwk["e"] as! String)!)))
        case "OKP":
            return (jwk, try VerificationKey(.ed25519(publicKey: Base64URL.decode(jwk["x"] as! String)!)))
        default:
            return nil
        }
    }

    /// Re-signs a compact JWS's header and payload (given as JSON objects) with `key`, by hand.
    static func compact(header: [String: Any], payload: [String: Any], key: SigningKey) throws -> String {
        let h = Base64URL.encode(Array(try JSONSerialization.data(withJSONObject: header)))
        let p = Base64URL.encode(Array(try JSONSerialization.data(withJSONObject: payload)))
        return h + "." + p + "." + Base64URL.encode(try key.sign(Array((h + "." + p).utf8)))
    }

    static func parts(_ compact: String) -> (header: [String: Any], payload: [String: Any], signature: [UInt8]) {
        let parts = compact.split(separator: ".").map(String.init)
        let header = try! JSONSerialization.jsonObject(with: Data(Base64URL.decode(parts[0])!)) as! [String: Any]
        let payload = try! JSONSerialization.jsonObject(with: Data(Base64URL.decode(parts[1])!)) as! [String: Any]
        return (header, payload, Base64URL.decode(parts[2])!)
    }

    @Test("RS256 by default: the JWS verifies by hand with the JWKS key, its claims are OB 3.0's, and the service says valid")
    func signPublishVerify() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let id = "urn:uuid:\(UUID().uuidString.lowercased())"
        let validFrom = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3600).rounded(.down))
        let signed = try await Self.signer(world).sign(credential: Self.credential(world.institution, id: id, from: validFrom), institution: world.institution)
        #expect(signed.algorithm == .rs256)
        #expect(signed.kid.utf8.count == 43)

        // The spec's steps, by hand: decode the parts, encode header and payload again, join with ".".
        let parts = signed.compact.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let headerBytes = Base64URL.decode(parts[0])!
        let payloadBytes = Base64URL.decode(parts[1])!
        let signingInput = Array((Base64URL.encode(headerBytes) + "." + Base64URL.encode(payloadBytes)).utf8)
        let found = try await Self.jwksKey(world, kid: signed.kid)
        let key = try #require(found)
        #expect(key.jwk["kty"] as? String == "RSA" && key.jwk["alg"] as? String == "RS256" && key.jwk["use"] as? String == "sig")
        #expect(key.jwk["d"] == nil)
        #expect(key.key.verify(Base64URL.decode(parts[2])!, of: signingInput, algorithm: .rs256))

        let (header, payload, _) = Self.parts(signed.compact)
        #expect(header["alg"] as? String == "RS256")
        #expect(header["typ"] as? String == "JWT")
        #expect((header["jwk"] as? [String: Any])?["kid"] as? String == signed.kid)
        #expect(Set(header.keys) == ["alg", "typ", "jwk"])
        #expect(payload["iss"] as? String == CredentialIssuer.id(for: world.institution))
        #expect(payload["jti"] as? String == id)
        #expect(payload["id"] as? String == id)
        #expect(payload["sub"] as? String == "urn:uuid:7d0c1a52-1111-4222-8333-444455556666")
        #expect(payload["nbf"] as? Int == Int(validFrom.timeIntervalSince1970))
        #expect((payload["exp"] as? Int ?? 0) > Int(Date().timeIntervalSince1970))

        let answer = try await Self.verify(world, signed.compact)
        #expect(answer.status == 200)
        #expect(answer.json["valid"] as? Bool == true, "\(answer.text)")
        #expect(Self.failed(answer) == [])
        #expect(Self.check(answer, "key")?.status == "passed")
        #expect(Self.check(answer, "key")?.detail.contains(signed.kid) == true)
        #expect(Self.check(answer, "issuer")?.status == "passed")
        #expect(Self.check(answer, "revocation")?.status == "passed")
        let names = (answer.json["checks"] as! [[String: Any]]).map { $0["check"] as! String }
        #expect(names == ["structure", "algorithm", "key", "keyAlgorithm", "signature", "payload", "credential", "iss", "sub", "jti", "nbf", "exp", "issuer", "revocation"])
        let jwks = try await world.call("GET", "/.well-known/jwks.json")
        #expect(jwks.header("Cache-Control") == "public, max-age=300")
    }

    @Test("tampered payload or signature, a foreign key under our kid, a foreign key claiming our issuer: invalid")
    func tamperedAndForeign() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let signed = try await Self.signer(world).sign(credential: Self.credential(world.institution), institution: world.institution)
        let parts = signed.compact.split(separator: ".").map(String.init)
        var (header, payload, _) = Self.parts(signed.compact)

        // The payload changed after signing (another subject), the signature kept.
        payload["sub"] = "urn:uuid:00000000-0000-4000-8000-000000000bad"
        var credentialSubject = payload["credentialSubject"] as! [String: Any]
        credentialSubject["id"] = "urn:uuid:00000000-0000-4000-8000-000000000bad"
        payload["credentialSubject"] = credentialSubject
        let tampered = parts[0] + "." + Base64URL.encode(Array(try JSONSerialization.data(withJSONObject: payload))) + "." + parts[2]
        var answer = try await Self.verify(world, tampered)
        #expect(answer.status == 200)
        #expect(answer.json["valid"] as? Bool == false)
        #expect(Self.failed(answer) == ["signature"])

        // One signature byte changed.
        var signature = Base64URL.decode(parts[2])!
        signature[7] ^= 0x01
        answer = try await Self.verify(world, parts[0] + "." + parts[1] + "." + Base64URL.encode(signature))
        #expect(Self.failed(answer) == ["signature"])

        // A foreign key signs with our kid in the header (no jwk): checked with our key, refused.
        let foreign = try SigningKey.generate(.rs256)
        let original = Self.parts(signed.compact).payload
        answer = try await Self.verify(world, try Self.compact(header: ["alg": "RS256", "typ": "JWT", "kid": signed.kid], payload: original, key: foreign))
        #expect(answer.json["valid"] as? Bool == false)
        #expect(Self.failed(answer) == ["signature"])

        // The same, carrying the foreign public key as jwk under our kid: the key does not match ours.
        guard case .rsa(let n, let e) = try foreign.publicKey().parameters else { Issue.record("not RSA"); return }
        header["jwk"] = ["kty": "RSA", "n": Base64URL.encode(n), "e": Base64URL.encode(e), "kid": signed.kid]
        answer = try await Self.verify(world, try Self.compact(header: header, payload: original, key: foreign))
        #expect(answer.json["valid"] as? Bool == false)
        #expect(Self.failed(answer).contains("key"))

        // A self-contained foreign credential (its own jwk) claiming one of our institutions as issuer.
        header["jwk"] = ["kty": "RSA", "n": Base64URL.encode(n), "e": Base64URL.encode(e)]
        answer = try await Self.verify(world, try Self.compact(header: header, payload: original, key: foreign))
        #expect(answer.json["valid"] as? Bool == false)
        #expect(Self.failed(answer) == ["issuer"])
        #expect(Self.check(answer, "signature")?.status == "passed")
        #expect(Self.check(answer, "key")?.status == "warning")

        // The same foreign credential naming an issuer of its own: intact, not ours (valid, with warnings).
        var elsewhere = original
        elsewhere["iss"] = "https://example.edu/issuers/565049"
        var issuer = elsewhere["issuer"] as! [String: Any]
        issuer["id"] = "https://example.edu/issuers/565049"
        elsewhere["issuer"] = issuer
        answer = try await Self.verify(world, try Self.compact(header: header, payload: elsewhere, key: foreign))
        #expect(answer.json["valid"] as? Bool == true, "\(answer.text)")
        #expect(Self.check(answer, "issuer")?.status == "warning")
        #expect(Self.check(answer, "revocation")?.status == "skipped")

        // Our key, but the algorithm in the header changed to EdDSA: refused before any signature check.
        header = Self.parts(signed.compact).header
        header["alg"] = "EdDSA"
        let relabelled = Base64URL.encode(Array(try JSONSerialization.data(withJSONObject: header))) + "." + parts[1] + "." + parts[2]
        answer = try await Self.verify(world, relabelled)
        #expect(Self.failed(answer) == ["keyAlgorithm"])
    }

    @Test("expired and not-yet-valid credentials are invalid; the signature still checks out")
    func expiry() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let signer = Self.signer(world)
        let expired = try await signer.sign(credential: Self.credential(world.institution, from: Date().addingTimeInterval(-86_400 * 30),
                                                                         until: Date().addingTimeInterval(-86_400)), institution: world.institution)
        var answer = try await Self.verify(world, expired.compact)
        #expect(answer.json["valid"] as? Bool == false)
        #expect(Self.failed(answer) == ["exp"])
        #expect(Self.check(answer, "signature")?.status == "passed")

        let future = try await signer.sign(credential: Self.credential(world.institution, from: Date().addingTimeInterval(86_400)), institution: world.institution)
        answer = try await Self.verify(world, future.compact)
        #expect(Self.failed(answer) == ["nbf"])

        // No validUntil: no exp claim, and it does not expire.
        let forever = try await signer.sign(credential: Self.credential(world.institution, until: nil), institution: world.institution)
        #expect(Self.parts(forever.compact).payload["exp"] == nil)
        answer = try await Self.verify(world, forever.compact)
        #expect(answer.json["valid"] as? Bool == true)
    }

    @Test("rotation: the new key signs, the old kid stays published and still verifies; keys list shows both")
    func rotation() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let signer = Self.signer(world)
        let before = try await signer.sign(credential: Self.credential(world.institution), institution: world.institution)
        let rotation = try await SigningKeys.rotate(pool: world.pool, institution: world.institution, algorithm: nil, keyEncryptionKey: world.keyEncryptionKey)
        #expect(rotation.retiredKid == before.kid)
        #expect(rotation.kid != before.kid)
        #expect(rotation.algorithm == .rs256)

        let after = try await signer.sign(credential: Self.credential(world.institution), institution: world.institution)
        #expect(after.kid == rotation.kid)
        #expect(try await Self.jwksKey(world, kid: before.kid) != nil)
        #expect(try await Self.jwksKey(world, kid: after.kid) != nil)
        let old = try await Self.verify(world, before.compact)
        #expect(old.json["valid"] as? Bool == true, "\(old.text)")
        #expect(Self.check(old, "key")?.detail.contains("retired") == true)
        #expect(try await Self.verify(world, after.compact).json["valid"] as? Bool == true)

        let keys = try await SigningKeys.list(pool: world.pool, institution: world.institution)
        #expect(keys.map(\.kid) == [before.kid, after.kid])
        #expect(keys[0].retiredAt != nil && keys[1].retiredAt == nil && keys[1].isInUse)

        // Rotating with another key-encryption key is refused: the service could not open the new key.
        await #expect(throws: SigningKeys.RotationError.self) {
            try await SigningKeys.rotate(pool: world.pool, institution: world.institution, algorithm: nil, keyEncryptionKey: try KeyEncryptionKey.generate())
        }
        #expect(try await SigningKeys.list(pool: world.pool, institution: world.institution).count == 2)
    }

    @Test("a revoked credential (its id in credential_revocations) is invalid, with when and why")
    func revocation() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let id = "urn:uuid:\(UUID().uuidString.lowercased())"
        let signed = try await Self.signer(world).sign(credential: Self.credential(world.institution, id: id), institution: world.institution)
        #expect(try await Self.verify(world, signed.compact).json["valid"] as? Bool == true)
        try await world.pool.withTransaction(settings: [("pathfolio.institution_id", world.institution.description)]) { connection in
            try await CredentialRevocationStore(connection: connection).revoke(credentialID: id, reason: "issued in error", by: world.people[.registrar])
        }
        let answer = try await Self.verify(world, signed.compact)
        #expect(answer.json["valid"] as? Bool == false)
        #expect(Self.failed(answer) == ["revocation"])
        #expect(Self.check(answer, "revocation")?.detail.contains("issued in error") == true)
        // Revoked in the other institution under the same id: not this credential.
        let other = try await Self.signer(world).sign(credential: Self.credential(world.foreignInstitution, id: id), institution: world.foreignInstitution)
        #expect(try await Self.verify(world, other.compact).json["valid"] as? Bool == true)
    }

    @Test("the EdDSA setting: who may read and change it, then EdDSA signatures and an OKP key in the JWKS")
    func edDSASetting() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let path = "/v1/settings/credentials"
        for who in [Who.registrar, .admin] {
            let read = try await world.call("GET", path, as: who)
            #expect(read.status == 200)
            #expect(read.json as NSDictionary == ["algorithm": "RS256"] as NSDictionary)
        }
        for who in [Who.learner, .advisor, .assessor] { #expect(try await world.call("GET", path, as: who).status == 404, "\(who)") }
        for who in [Who.registrar, .advisor, .learner] {
            #expect(try await world.call("PUT", path, as: who, json: ["algorithm": "EdDSA"]).status == 404, "\(who)")
        }
        for body: Any in [["algorithm": "HS256"], ["algorithm": "none"], [:] as [String: Any], ["algorithm": "EdDSA", "extra": 1], ["algorithm": 7]] {
            #expect(try await world.call("PUT", path, as: .admin, json: body).status == 400, "\(body)")
        }
        #expect(try await world.call("PUT", path, as: nil, json: ["algorithm": "EdDSA"]).status == 401)
        let rsa = try await Self.signer(world).sign(credential: Self.credential(world.institution), institution: world.institution)

        let changed = try await world.call("PUT", path, as: .admin, json: ["algorithm": "EdDSA"])
        #expect(changed.status == 200)
        #expect(changed.json["algorithm"] as? String == "EdDSA")
        #expect(try await world.call("GET", path, as: .registrar).json["algorithm"] as? String == "EdDSA")
        #expect(try await world.count("audit_log WHERE action = 'credential_settings.update'") == 1)
        // The other institution's setting is its own.
        #expect(try await world.call("GET", path, as: .foreignAdmin).json["algorithm"] as? String == "RS256")

        let signed = try await Self.signer(world).sign(credential: Self.credential(world.institution), institution: world.institution)
        #expect(signed.algorithm == .edDSA)
        #expect(signed.kid != rsa.kid)
        let (header, _, signature) = Self.parts(signed.compact)
        #expect(header["alg"] as? String == "EdDSA")
        let jwk = header["jwk"] as! [String: Any]
        #expect(jwk["kty"] as? String == "OKP" && jwk["crv"] as? String == "Ed25519")
        let found = try await Self.jwksKey(world, kid: signed.kid)
        let key = try #require(found)
        #expect(key.jwk["kty"] as? String == "OKP" && key.jwk["crv"] as? String == "Ed25519" && key.jwk["alg"] as? String == "EdDSA")
        #expect(signature.count == 64)
        let parts = signed.compact.split(separator: ".").map(String.init)
        #expect(key.key.verify(signature, of: Array((parts[0] + "." + parts[1]).utf8), algorithm: .edDSA))
        #expect(try await Self.verify(world, signed.compact).json["valid"] as? Bool == true)
        // The RSA credential signed before the switch still verifies.
        #expect(try await Self.verify(world, rsa.compact).json["valid"] as? Bool == true)
    }

    @Test("20+ kinds of garbage answer 200 valid:false with errors, never 5xx; bodies that are not the request answer 400")
    func garbage() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let signed = try await Self.signer(world).sign(credential: Self.credential(world.institution), institution: world.institution)
        let parts = signed.compact.split(separator: ".").map(String.init)
        func b64(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }
        let payload = parts[1]
        let garbage: [String] = [
            "", " ", ".", "..", "...", "a.b", "a.b.c.d", "!!!.???.***", "eyJ.eyJ.eyJ",
            b64("not json") + "." + payload + ".AAAA",
            b64("[1,2,3]") + "." + payload + ".AAAA",
            b64(#"{"alg":"none","typ":"JWT"}"#) + "." + payload + ".",
            b64(#"{"alg":"none","typ":"JWT"}"#) + "." + payload + ".AAAA",
            b64(#"{"alg":"HS256","typ":"JWT"}"#) + "." + payload + "." + parts[2],
            b64(#"{"alg":"RS512","kid":"\#(signed.kid)"}"#) + "." + payload + "." + parts[2],
            b64(#"{"alg":7,"kid":"\#(signed.kid)"}"#) + "." + payload + "." + parts[2],
            b64(#"{"alg":"RS256","kid":["x"]}"#) + "." + payload + "." + parts[2],
            b64(#"{"alg":"RS256","kid":"nobody"}"#) + "." + payload + "." + parts[2],
            b64(#"{"alg":"RS256","jwk":{"kty":"RSA","n":"AQAB","e":"AQAB"}}"#) + "." + payload + "." + parts[2],
            b64(#"{"alg":"RS256","jwk":"a key"}"#) + "." + payload + "." + parts[2],
            b64(#"{"alg":"RS256","jwk":{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}}"#) + "." + payload + "." + parts[2],
            b64(#"{"alg":"RS256","crit":["exp"],"kid":"\#(signed.kid)"}"#) + "." + payload + "." + parts[2],
            parts[0] + "." + b64("not json") + "." + parts[2],
            parts[0] + "." + b64(#"{"vc":"not an object"}"#) + "." + parts[2],
            parts[0] + "." + b64(#"{"nbf":1e999999,"exp":-1e400,"iss":[],"jti":{},"sub":null,"type":"VerifiableCredential"}"#) + "." + parts[2],
            parts[0] + "." + b64(#"{"nbf":123456789012345678901234567890}"#) + "." + parts[2],
            parts[0] + "." + b64(String(repeating: "[", count: 5000)) + "." + parts[2],
            parts[0] + "." + payload + "." + "A",
            parts[0] + "." + payload + "." + String(repeating: "A", count: 10_000),
            parts[0] + "." + payload + "==." + parts[2],
            String(repeating: "A", count: 1_100_000),
            "\u{0}.\u{0}.\u{0}", "🙂.🙂.🙂",
        ]
        #expect(garbage.count >= 20)
        for text in garbage {
            let answer = try await Self.verify(world, text)
            #expect(answer.status == 200, "\(text.prefix(60)): \(answer.status) \(answer.text.prefix(300))")
            #expect(answer.json["valid"] as? Bool == false, "\(text.prefix(60))")
            #expect(!(answer.json["errors"] as? [Any] ?? []).isEmpty, "\(text.prefix(60))")
        }
        // Not the request: 400 problem+json (and 415 for another media type).
        for body in ["", "not json", "[]", #"{"credential": 7}"#, #"{}"#, #"{"credential": "a.b.c", "extra": true}"#, #"{"credential": null}"#] {
            let answer = try await world.call("POST", "/v1/credentials/verify", body: Data(body.utf8))
            #expect(answer.status == 400, "\(body): \(answer.status)")
            #expect(answer.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        }
        #expect(try await world.call("POST", "/v1/credentials/verify", body: Data("x".utf8), headers: ["Content-Type": "text/plain"]).status == 415)
    }

    @Test("the legacy examples: the CLR one verifies by its embedded jwk (a warning: not our key); the OB one has no key to check")
    func legacyExamples() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let standards = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/standards").path
        let clr = try String(contentsOfFile: standards + "/clr/examples/validator-clr20-simple-legacy-vc-claim.jwt", encoding: .utf8)
        var answer = try await Self.verify(world, clr)
        #expect(answer.json["valid"] as? Bool == true, "\(answer.text)")
        #expect(Self.check(answer, "signature")?.status == "passed")
        #expect(Self.check(answer, "key")?.status == "warning")
        #expect(Self.check(answer, "payload")?.detail.contains("vc claim") == true)
        #expect(Self.check(answer, "issuer")?.status == "warning")

        let ob = try String(contentsOfFile: standards + "/ob3/examples/validator-ob30-simple-legacy-vc-claim.jwt", encoding: .utf8)
        answer = try await Self.verify(world, ob)
        #expect(answer.json["valid"] as? Bool == false)
        #expect(Self.failed(answer) == ["key"])
        #expect(Self.check(answer, "signature")?.status == "skipped")
        #expect(Self.check(answer, "credential")?.status == "passed")
    }

    @Test("signing: one key however many sign at once; a wrong or missing key-encryption key is a clear 503; a foreign issuer 422")
    func signingFailures() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let signer = Self.signer(world)
        let kids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try await signer.sign(credential: Self.credential(world.foreignInstitution), institution: world.foreignInstitution).kid }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(kids.count == 1)
        #expect(try await world.count("signing_keys WHERE institution_id = '\(world.foreignInstitution)'") == 1)

        let wrongKey = try KeyEncryptionKey.generate()
        let wrong = await Self.failure(Self.signer(world, key: wrongKey), Self.credential(world.foreignInstitution), world.foreignInstitution)
        guard case .unavailable(let wrongDetail)? = wrong else { Issue.record("signed with the wrong key-encryption key: \(String(describing: wrong))"); return }
        #expect(wrongDetail.contains("does not open"))

        let missing = await Self.failure(CredentialSigner(pool: world.pool, keyEncryptionKey: nil), Self.credential(world.institution), world.institution)
        guard case .unavailable(let missingDetail)? = missing else { Issue.record("signed without a key-encryption key: \(String(describing: missing))"); return }
        #expect(missingDetail.contains("PATHFOLIO_KEY_ENCRYPTION_KEY"))

        let foreignIssuer = await Self.failure(signer, Self.credential(world.foreignInstitution), world.institution)
        guard case .unprocessable? = foreignIssuer else { Issue.record("signed another institution's credential: \(String(describing: foreignIssuer))"); return }
        let notObject = await Self.failure(signer, .string("not a credential"), world.institution)
        guard case .unprocessable? = notObject else { Issue.record("signed a string: \(String(describing: notObject))"); return }
        // A stored private key is sealed: no PKCS#8 in the clear, and its row's public JWK has no "d".
        #expect(try await world.count("signing_keys WHERE public_jwk ? 'd'") == 0)
    }
}
