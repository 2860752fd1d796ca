import Foundation
import PathfolioCrypto
import PathfolioInterop
import Testing

@Suite("VC-JWT (OB 3.0 §8.2): credential ↔ claims, signing by the spec's steps, and the legacy examples")
struct VCJWTTests {
    static let credential = #"""
        {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
         "id":"urn:uuid:3b6a0c9e-8d3e-4a51-9f5a-3c1e1a0b2c4d","type":["VerifiableCredential","OpenBadgeCredential"],
         "issuer":{"id":"urn:uuid:11111111-2222-4333-8444-555555555555","type":["Profile"],"name":"Demo School"},
         "validFrom":"2026-01-02T03:04:05Z","validUntil":"2036-01-02T03:04:05Z",
         "credentialSubject":{"id":"urn:uuid:99999999-2222-4333-8444-555555555555","type":["AchievementSubject"]}}
        """#

    static var now: Date { Date(timeIntervalSince1970: 1_800_000_000) }   // 2027-01-15

    @Test("claims: iss, jti, sub, nbf, exp from the credential; the credential's members stay as they were")
    func claims() throws {
        let credential = try JSONParser().parse(Self.credential).objectValue!
        let payload = try VCJWT.payload(for: credential)
        #expect(payload["iss"] == .string("urn:uuid:11111111-2222-4333-8444-555555555555"))
        #expect(payload["jti"] == .string("urn:uuid:3b6a0c9e-8d3e-4a51-9f5a-3c1e1a0b2c4d"))
        #expect(payload["sub"] == .string("urn:uuid:99999999-2222-4333-8444-555555555555"))
        #expect(payload["nbf"] == .number("1767323045"))
        #expect(payload["exp"] == .number("2082855845"))
        for member in credential { #expect(payload[member.key] == member.value) }

        var missing = credential
        missing["validFrom"] = nil
        #expect(throws: JOSEError.self) { try VCJWT.payload(for: missing) }
        missing = credential
        missing["issuer"] = .object(JSONObject(["name": .string("no id")]))
        #expect(throws: JOSEError.self) { try VCJWT.payload(for: missing) }
        missing = credential
        missing["id"] = .number("7")
        #expect(throws: JOSEError.self) { try VCJWT.payload(for: missing) }
        missing = credential
        missing["validUntil"] = .string("next year")
        #expect(throws: JOSEError.self) { try VCJWT.payload(for: missing) }
    }

    @Test("signed with RS256 and EdDSA; an independent rebuild of the signing input from the spec's steps verifies")
    func signAndVerifyByHand() throws {
        let credential = try JSONParser().parse(Self.credential).objectValue!
        for algorithm in SigningAlgorithm.allCases {
            let key = try SigningKey.generate(algorithm)
            let jwk: JSONWebKey
            switch try key.publicKey().parameters {
            case .rsa(let n, let e): jwk = JSONWebKey(material: .rsa(modulus: n, exponent: e), keyID: "k1")
            case .ed25519(let x): jwk = JSONWebKey(material: .ed25519(x: x), keyID: "k1")
            }
            let jws = try VCJWT.sign(credential: credential, algorithm: algorithm.rawValue, key: jwk) { try key.sign($0) }
            let parts = jws.compact.split(separator: ".").map(String.init)
            #expect(parts.count == 3)
            // Steps A–C by hand: BASE64URL(UTF8(header)) "." BASE64URL(payload), from the decoded parts.
            let header = try JSONParser().parse(Base64URL.decode(parts[0])!).objectValue!
            #expect(header.keys == ["alg", "typ", "jwk"])
            #expect(header["alg"] == .string(algorithm.rawValue))
            #expect(header["typ"] == .string("JWT"))
            #expect(header["jwk"]?["kid"] == .string("k1"))
            #expect(header["jwk"]?["d"] == nil)
            let input = Array((Base64URL.encode(Array(JSONValue.object(header).serialized().utf8)) + "." + parts[1]).utf8)
            #expect(input == jws.signingInput)
            #expect(try key.publicKey().verify(Base64URL.decode(parts[2])!, of: input, algorithm: algorithm))

            let payload = try VCJWTPayload(Base64URL.decode(parts[1])!)
            #expect(payload.shape == .credential)
            let checks = payload.checks(now: Self.now)
            #expect(checks.map(\.name) == ["credential", "iss", "sub", "jti", "nbf", "exp"])
            #expect(checks.allSatisfy { $0.status == .passed }, "\(checks)")
        }
    }

    @Test("claim checks fail on each mismatch, on expiry, before nbf, and on numbers that are not NumericDates")
    func failedChecks() throws {
        let credential = try JSONParser().parse(Self.credential).objectValue!
        let good = try VCJWT.payload(for: credential)
        func failures(_ edit: (inout JSONObject) -> Void, now: Date = Self.now) throws -> [String] {
            var payload = good
            edit(&payload)
            return try VCJWTPayload(JSONValue.object(payload).serializedBytes()).checks(now: now).filter { $0.status == .failed }.map(\.name)
        }
        #expect(try failures { _ in } == [])
        #expect(try failures({ _ in }, now: Date(timeIntervalSince1970: 2_100_000_000)) == ["exp"])
        #expect(try failures({ _ in }, now: Date(timeIntervalSince1970: 1_700_000_000)) == ["nbf"])
        #expect(try failures { $0["iss"] = .string("https://evil.example") } == ["iss"])
        #expect(try failures { $0["jti"] = nil } == ["jti"])
        #expect(try failures { $0["sub"] = .number("1") } == ["sub"])
        #expect(try failures { $0["nbf"] = .number("1767323999") } == ["nbf"])
        #expect(try failures { $0["exp"] = nil } == ["exp"])
        #expect(try failures { $0["exp"] = .number("1e400") } == ["exp"])
        #expect(try failures { $0["exp"] = .number("-5") } == ["exp"])
        #expect(try failures { $0["nbf"] = .string("2026-01-02") } == ["nbf"])
        #expect(try failures { $0["type"] = .array([.string("OpenBadgeCredential")]) } == ["credential"])
    }

    @Test("the CLR 2.0 legacy example: vc claim, RS256, its jwk in the header, and the signature verifies with that key")
    func clrLegacyExample() throws {
        let text = try String(contentsOfFile: SharedStandards.directory + "clr/examples/validator-clr20-simple-legacy-vc-claim.jwt", encoding: .utf8)
        let jws = try JWSCompact.parse(text)
        #expect(jws.algorithm == "RS256")
        let jwk = try JSONWebKey.parse(jws.header["jwk"]!)
        guard case .rsa(let n, let e) = jwk.material else { Issue.record("not RSA"); return }
        let key = try VerificationKey(.rsa(modulus: n, exponent: e))
        #expect(key.verify(jws.signature, of: jws.signingInput, algorithm: .rs256))
        var tampered = jws.signingInput
        tampered[tampered.count - 3] ^= 1
        #expect(!key.verify(jws.signature, of: tampered, algorithm: .rs256))

        let payload = try VCJWTPayload(jws.payload)
        #expect(payload.shape == .legacyVCClaim)
        #expect(payload.credentialID == "http://example.edu/credentials/3732")
        let checks = payload.checks(now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(checks.first { $0.name == "credential" }?.detail.contains("ClrCredential") == true)
        #expect(checks.allSatisfy { $0.status == .passed }, "\(checks)")
    }

    @Test("the OB 3.0 legacy example: vc claim, RS256, but neither jwk nor kid in its header, so no key to check it with")
    func openBadgeLegacyExample() throws {
        let text = try String(contentsOfFile: SharedStandards.directory + "ob3/examples/validator-ob30-simple-legacy-vc-claim.jwt", encoding: .utf8)
        let jws = try JWSCompact.parse(text)
        #expect(jws.header.keys.sorted() == ["alg", "typ"])
        let payload = try VCJWTPayload(jws.payload)
        #expect(payload.shape == .legacyVCClaim)
        #expect(payload.checks(now: Date(timeIntervalSince1970: 1_800_000_000)).allSatisfy { $0.status == .passed })
        // It is not signed by the CLR example's key either (the validator resolves its key elsewhere).
        let clr = try JWSCompact.parse(try String(contentsOfFile: SharedStandards.directory + "clr/examples/validator-clr20-simple-legacy-vc-claim.jwt", encoding: .utf8))
        guard case .rsa(let n, let e) = try JSONWebKey.parse(clr.header["jwk"]!).material else { return }
        #expect(!(try VerificationKey(.rsa(modulus: n, exponent: e))).verify(jws.signature, of: jws.signingInput, algorithm: .rs256))
    }
}
