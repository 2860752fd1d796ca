import Foundation
import PathfolioCrypto
import PathfolioInterop
import Testing

@Suite("JOSE: strict compact JWS, JWKs and their RFC 7638 thumbprints")
struct JOSETests {
    @Test("base64url is strict: no padding, no stray characters, no non-zero trailing bits")
    func base64url() {
        for bytes: [UInt8] in [[], [0], [0xFF], [1, 2], [1, 2, 3], Array(0...255)] {
            #expect(JOSEBase64URL.decode(JOSEBase64URL.encode(bytes)) == bytes)
            #expect(JOSEBase64URL.encode(bytes) == Base64URL.encode(bytes))
        }
        #expect(JOSEBase64URL.decode("QQ") == [0x41])
        #expect(JOSEBase64URL.decode("QR") == nil)      // the same byte, re-spelled with trailing bits set
        #expect(JOSEBase64URL.decode("QQ==") == nil)
        #expect(JOSEBase64URL.decode("Q") == nil)
        #expect(JOSEBase64URL.decode("a+b/") == nil)
        #expect(JOSEBase64URL.decode("ab cd") == nil)
    }

    @Test("RFC 7638 §3.1 and RFC 8037 A.3: the published thumbprints")
    func thumbprints() throws {
        let rsa = try JSONWebKey.parse(try JSONParser().parse(#"""
            {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
            """#))
        #expect(rsa.thumbprint(sha256: { SHA256.hash($0) }) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        #expect(rsa.keyID == "2011-04-29")
        let okp = try JSONWebKey.parse(try JSONParser().parse(#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#))
        #expect(okp.thumbprint(sha256: { SHA256.hash($0) }) == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")
        #expect(okp.publicJSON["crv"] == .string("Ed25519"))
        #expect(okp.publicJSON["use"] == .string("sig"))
        // A leading zero byte on the modulus does not change the key or its thumbprint.
        guard case .rsa(let n, let e) = rsa.material else { Issue.record("not RSA"); return }
        #expect(JSONWebKey(material: .rsa(modulus: [0] + n, exponent: e)).thumbprint(sha256: { SHA256.hash($0) }) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    }

    @Test("unusable JWKs are typed errors: private members, other key types, wrong curve, bad members")
    func badKeys() {
        let cases = [
            #"[]"#, #"{}"#, #"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#, #"{"kty":"oct","k":"AAAA"}"#,
            #"{"kty":"OKP","crv":"X25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
            #"{"kty":"OKP","crv":"Ed25519","x":"AAAA"}"#,
            #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"#,
            #"{"kty":"RSA","n":"AQAB"}"#, #"{"kty":"RSA","n":17,"e":"AQAB"}"#, #"{"kty":"RSA","n":"a=b","e":"AQAB"}"#,
            #"{"kty":"RSA","n":"AQAB","e":"AQAB","use":"enc"}"#, #"{"kty":7}"#,
        ]
        for text in cases {
            #expect(throws: JOSEError.self, "\(text)") { try JSONWebKey.parse(try JSONParser().parse(text)) }
        }
    }

    @Test("RFC 8037 A.4 rebuilt: the header and payload encode to the published JWS, byte for byte")
    func rfc8037JWS() throws {
        let key = try SigningKey(ed25519Seed: Base64URL.decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")!)
        let jws = try JWSCompact.make(header: JSONObject(["alg": .string("EdDSA")]), payload: Array("Example of Ed25519 signing".utf8)) {
            try key.sign($0)
        }
        #expect(jws.compact == "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg")
        let parsed = try JWSCompact.parse(jws.compact)
        #expect(parsed == jws)
        #expect(parsed.algorithm == "EdDSA")
    }

    @Test("garbage compact JWSs are typed errors, never crashes")
    func garbage() {
        let good = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
        let cases: [(String, JOSEError)] = [
            ("", .empty), ("   ", .empty), ("..", .notBase64URL(part: "header")), ("a.b", .segmentCount(2)),
            ("a.b.c.d", .segmentCount(4)), ("....", .segmentCount(5)),
            ("eyJhbGciOiJFZERTQSJ9.RXhh.", .emptySignature),
            ("!!!.RXhh.AAAA", .notBase64URL(part: "header")),
            ("eyJhbGciOiJFZERTQSJ9.R=hh.AAAA", .notBase64URL(part: "payload")),
            ("eyJhbGciOiJFZERTQSJ9.RXhh.AA+A", .notBase64URL(part: "signature")),
            (JOSEBase64URL.encode(Array("not json".utf8)) + ".RXhh.AAAA", .notJSON(part: "header", reason: "")),
            (JOSEBase64URL.encode(Array("[1,2]".utf8)) + ".RXhh.AAAA", .notObject(part: "header")),
            (String(repeating: "A", count: JWSCompact.maximumLength + 1), .tooLarge(limit: JWSCompact.maximumLength)),
        ]
        for (text, expected) in cases {
            do {
                _ = try JWSCompact.parse(text)
                Issue.record("accepted \(text.prefix(40))")
            } catch {
                if case .notJSON = expected, case .notJSON = error { continue }
                #expect(error == expected, "\(text.prefix(40))")
            }
        }
        #expect((try? JWSCompact.parse(" \(good)\n")) != nil)
    }
}
