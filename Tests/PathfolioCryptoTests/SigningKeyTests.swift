import Foundation
import PathfolioCrypto
import Testing

@Suite("Signing keys: RS256 and Ed25519 through libcrypto, checked against published vectors and the openssl tool")
struct SigningKeyTests {
    /// RFC 8037 Appendix A.1/A.4: the Ed25519 key and the JWS it signs.
    static let rfc8037D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
    static let rfc8037X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    static let rfc8037SigningInput = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
    static let rfc8037Signature = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"

    @Test("RFC 8037 A.4: the seed gives the published public key and, Ed25519 being deterministic, the published signature")
    func rfc8037KnownAnswer() throws {
        let key = try SigningKey(ed25519Seed: Base64URL.decode(Self.rfc8037D)!)
        let publicKey = try key.publicKey()
        #expect(publicKey.parameters == .ed25519(publicKey: Base64URL.decode(Self.rfc8037X)!))
        let signature = try key.sign(Array(Self.rfc8037SigningInput.utf8))
        #expect(Base64URL.encode(signature) == Self.rfc8037Signature)
        let verifier = try VerificationKey(.ed25519(publicKey: Base64URL.decode(Self.rfc8037X)!))
        #expect(verifier.verify(Base64URL.decode(Self.rfc8037Signature)!, of: Array(Self.rfc8037SigningInput.utf8), algorithm: .edDSA))
        // One bit off in the message or the signature, or the wrong algorithm: refused.
        #expect(!verifier.verify(Base64URL.decode(Self.rfc8037Signature)!, of: Array((Self.rfc8037SigningInput + "x").utf8), algorithm: .edDSA))
        var flipped = Base64URL.decode(Self.rfc8037Signature)!
        flipped[10] ^= 1
        #expect(!verifier.verify(flipped, of: Array(Self.rfc8037SigningInput.utf8), algorithm: .edDSA))
        #expect(!verifier.verify(Base64URL.decode(Self.rfc8037Signature)!, of: Array(Self.rfc8037SigningInput.utf8), algorithm: .rs256))
    }

    @Test("new keys of both algorithms: sign, verify with the public half, survive a PKCS#8 round trip")
    func generateSignVerifyRoundTrip() throws {
        for algorithm in SigningAlgorithm.allCases {
            let key = try SigningKey.generate(algorithm)
            let message = Array("header.payload".utf8)
            let signature = try key.sign(message)
            #expect(signature.count == (algorithm == .rs256 ? 256 : 64))
            let publicKey = try key.publicKey()
            #expect(publicKey.algorithm == algorithm)
            #expect(publicKey.verify(signature, of: message, algorithm: algorithm))
            #expect(!publicKey.verify(signature, of: message + [0], algorithm: algorithm))

            let restored = try SigningKey(pkcs8: try key.pkcs8(), algorithm: algorithm)
            #expect(try restored.publicKey().parameters == publicKey.parameters)
            #expect(publicKey.verify(try restored.sign(message), of: message, algorithm: algorithm))
            // The other algorithm's key does not read as this one.
            let other: SigningAlgorithm = algorithm == .rs256 ? .edDSA : .rs256
            #expect(throws: CryptoError.algorithmMismatch(expected: other, actual: algorithm)) {
                try SigningKey(pkcs8: try key.pkcs8(), algorithm: other)
            }
        }
        let rsa = try SigningKey.generate(.rs256).publicKey()
        guard case .rsa(let n, let e) = rsa.parameters else { Issue.record("not RSA"); return }
        #expect(n.count == 256 && n[0] & 0x80 != 0)
        #expect(e == [1, 0, 1])
    }

    @Test("garbage private and public keys are typed errors")
    func malformedKeys() {
        #expect(throws: CryptoError.malformedPrivateKey) { try SigningKey(pkcs8: [], algorithm: .rs256) }
        #expect(throws: CryptoError.malformedPrivateKey) { try SigningKey(pkcs8: [0x30, 0x03, 0x02, 0x01, 0x00], algorithm: .rs256) }
        #expect(throws: CryptoError.malformedPrivateKey) { try SigningKey(ed25519Seed: [1, 2, 3]) }
        #expect(throws: CryptoError.self) { try VerificationKey(.ed25519(publicKey: [0, 1])) }
        #expect(throws: CryptoError.self) { try VerificationKey(.rsa(modulus: [0xFF], exponent: [1, 0, 1])) }
        #expect(throws: CryptoError.self) { try VerificationKey(.rsa(modulus: [UInt8](repeating: 0xFF, count: 256), exponent: [2])) }
        #expect(throws: CryptoError.self) { try VerificationKey(.rsa(modulus: [UInt8](repeating: 0xFF, count: 2000), exponent: [1, 0, 1])) }
    }

    @Test("RS256 by an independent path: openssl makes the key, we sign, openssl verifies; openssl signs, we verify")
    func rs256AgainstOpenSSLTool() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathfolio-rs256-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        try openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path("key.pem")])
        try openssl(["pkcs8", "-topk8", "-nocrypt", "-in", path("key.pem"), "-outform", "DER", "-out", path("key.der")])
        try openssl(["pkey", "-in", path("key.pem"), "-pubout", "-out", path("public.pem")])
        let key = try SigningKey(pkcs8: Array(try Data(contentsOf: URL(fileURLWithPath: path("key.der")))), algorithm: .rs256)

        let message = Array("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ1cm46dXVpZDp4In0".utf8)
        try Data(message).write(to: URL(fileURLWithPath: path("message")))
        try Data(try key.sign(message)).write(to: URL(fileURLWithPath: path("ours.sig")))
        let verified = try openssl(["dgst", "-sha256", "-verify", path("public.pem"), "-signature", path("ours.sig"), path("message")])
        #expect(verified.contains("Verified OK"))

        try openssl(["dgst", "-sha256", "-sign", path("key.pem"), "-out", path("theirs.sig"), path("message")])
        let theirs = Array(try Data(contentsOf: URL(fileURLWithPath: path("theirs.sig"))))
        // RSASSA-PKCS1-v1_5 is deterministic: the tool's signature is byte for byte ours.
        #expect(theirs == (try key.sign(message)))
        #expect(try key.publicKey().verify(theirs, of: message, algorithm: .rs256))
    }

    @discardableResult
    private func openssl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl \(arguments.joined(separator: " ")): \(text)"])
        }
        return text
    }
}
