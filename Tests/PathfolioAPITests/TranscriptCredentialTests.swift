import Foundation
import PathfolioAPI
import Testing

@Suite("Transcripts as signed CLR 2.0 credentials")
struct TranscriptCredentialTests {
    static func part(_ compact: String, _ index: Int) throws -> [String: Any] {
        var text = compact.split(separator: ".", omittingEmptySubsequences: false)[index]
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        let data = try #require(Data(base64Encoded: text))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func errors(_ answer: APIWorld.Answer) -> [String] {
        (answer.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["check"] as? String }
    }

    @Test("format=clr is a VC-JWT of a ClrCredential that verifies; certified, it verifies until revoked")
    func signedTranscript() async throws {
        let world = try await TranscriptTests.world()
        defer { Task { await world.shutdown() } }
        let learner = world.id(.learner)
        let answer = try await world.call("GET", "/v1/learners/\(learner)/transcript?format=clr", as: .registrar)
        #expect(answer.status == 200, "\(answer.text)")
        #expect(answer.header("Content-Type") == "text/plain")
        let compact = answer.text
        #expect(compact.split(separator: ".", omittingEmptySubsequences: false).count == 3)

        // JOSE header and claims as OB 3.0 §8.2 maps them from the credential.
        let header = try Self.part(compact, 0), payload = try Self.part(compact, 1)
        #expect(header["alg"] as? String == "RS256")
        #expect(header["typ"] as? String == "JWT")
        #expect((header["jwk"] as? [String: Any])?["kty"] as? String == "RSA")
        #expect((payload["type"] as? [String]) == ["VerifiableCredential", "ClrCredential"])
        #expect(payload["iss"] as? String == (payload["issuer"] as? [String: Any])?["id"] as? String)
        #expect(payload["iss"] as? String == "urn:uuid:\(world.institution.description.lowercased())")
        #expect(payload["jti"] as? String == payload["id"] as? String)
        let subject = payload["credentialSubject"] as? [String: Any]
        #expect(payload["sub"] as? String == subject?["id"] as? String)
        #expect(payload["nbf"] as? Int != nil)
        let nested = subject?["verifiableCredential"] as? [[String: Any]] ?? []
        let achievement = (nested.first?["credentialSubject"] as? [String: Any])?["achievement"] as? [String: Any]
        #expect(achievement?["name"] as? String == "M.1")
        #expect(((achievement?["alignment"] as? [[String: Any]])?.first)?["targetType"] as? String == "CFItem")

        let verified = try await world.call("POST", "/v1/credentials/verify", json: ["credential": compact])
        #expect(verified.status == 200)
        #expect(verified.json["valid"] as? Bool == true, "\(verified.text)")

        // For the schema validator (deploy/test.sh): the payload without its JWT claims.
        if let directory = ProcessInfo.processInfo.environment["CLR_EXPORT_DIR"] {
            var credential = payload
            for claim in ["iss", "jti", "sub", "nbf", "exp", "iat"] { credential[claim] = nil }
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: credential, options: [.prettyPrinted, .sortedKeys])
                .write(to: URL(fileURLWithPath: directory + "/api-transcript.clr.json"))
        }

        // A certified transcript's CLR carries the certificate's credential id; revoking it shows in verify.
        let certified = try await world.call("POST", "/v1/learners/\(learner)/transcript/certify", as: .registrar, json: [:])
        #expect(certified.status == 201, "\(certified.text)")
        let location = try #require(certified.header("Location"))
        let frozen = try await world.call("GET", "\(location)?format=clr", as: .learner)
        #expect(try Self.part(frozen.text, 1)["jti"] as? String == certified.json["credentialId"] as? String)
        #expect(try await world.call("POST", "/v1/credentials/verify", json: ["credential": frozen.text]).json["valid"] as? Bool == true)
        #expect(try await world.call("POST", "\(location)/revoke", as: .registrar, json: ["reason": "Issued in error"]).status == 200)
        let revoked = try await world.call("POST", "/v1/credentials/verify", json: ["credential": frozen.text])
        #expect(revoked.json["valid"] as? Bool == false)
        #expect(Self.errors(revoked).contains("revocation"), "\(revoked.text)")

        // Tampered: a mastered level changed in the payload → invalid.
        var parts = frozen.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var forged = try Self.part(frozen.text, 1)
        forged["name"] = "Transcript of someone else"
        parts[1] = try JSONSerialization.data(withJSONObject: forged).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let tampered = try await world.call("POST", "/v1/credentials/verify", json: ["credential": parts.joined(separator: ".")])
        #expect(tampered.json["valid"] as? Bool == false)
        #expect(Self.errors(tampered).contains("signature"), "\(tampered.text)")
    }

    @Test("with the EdDSA setting the CLR is signed with Ed25519; the bulk export signs one CLR per learner")
    func eddsaAndBulk() async throws {
        let world = try await TranscriptTests.world()
        defer { Task { await world.shutdown() } }
        #expect(try await world.call("PUT", "/v1/settings/credentials", as: .admin, json: ["algorithm": "EdDSA"]).status == 200)
        let answer = try await world.call("GET", "/v1/learners/\(world.id(.learner))/transcript?format=clr", as: .learner)
        #expect(try Self.part(answer.text, 0)["alg"] as? String == "EdDSA")
        #expect(try await world.call("POST", "/v1/credentials/verify", json: ["credential": answer.text]).json["valid"] as? Bool == true)

        try await world.execute("UPDATE people SET cohort = 'c-1' WHERE id IN ('\(world.id(.learner))', '\(world.id(.otherLearner))')")
        let bulk = try await world.call("GET", "/v1/transcripts?cohort=c-1&format=clr", as: .registrar)
        #expect(bulk.status == 200)
        let lines = bulk.text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 2)
        for line in lines {
            let credential = try #require(line["credential"] as? String)
            let verified = try await world.call("POST", "/v1/credentials/verify", json: ["credential": credential])
            #expect(verified.json["valid"] as? Bool == true, "\(verified.text)")
            #expect(try Self.part(credential, 1)["sub"] as? String == "urn:uuid:\(line["learnerId"] as? String ?? "")")
        }
    }
}
