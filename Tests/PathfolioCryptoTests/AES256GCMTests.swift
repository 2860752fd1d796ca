import Foundation
import PathfolioCrypto
import Testing

@Suite("AES-256-GCM sealing of private keys, and the key-encryption key's forms")
struct AES256GCMTests {
    @Test("NIST GCM test case 16 (AES-256, 60-byte plaintext, 20 bytes of associated data) opens to its plaintext")
    func nistKnownAnswer() throws {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 16.
        let key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
        let nonce = hex("cafebabefacedbaddecaf888")
        let plaintext = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")
        let aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
        let ciphertext = hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662")
        let tag = hex("76fc6ece0f4e1768cddf8853bb2d551b")
        let opened = try AES256GCM.open(.init(nonce: nonce, ciphertext: ciphertext + tag), key: key, associatedData: aad)
        #expect(opened == plaintext)
        var altered = ciphertext + tag
        altered[0] ^= 1
        #expect(throws: CryptoError.authenticationFailed) { try AES256GCM.open(.init(nonce: nonce, ciphertext: altered), key: key, associatedData: aad) }
    }

    @Test("seal and open; a wrong key, other associated data, a changed nonce or byte never open")
    func sealAndRefuse() throws {
        let kek = try KeyEncryptionKey.generate()
        let secret = Array("a PKCS#8 private key".utf8)
        let sealed = try kek.seal(secret, context: "kid-1|institution-a")
        #expect(sealed.nonce.count == 12)
        #expect(sealed.ciphertext.count == secret.count + 16)
        #expect(try kek.open(sealed, context: "kid-1|institution-a") == secret)
        // Two seals of the same bytes differ (a fresh nonce each time).
        #expect(try kek.seal(secret, context: "kid-1|institution-a") != sealed)

        #expect(throws: CryptoError.authenticationFailed) { try KeyEncryptionKey.generate().open(sealed, context: "kid-1|institution-a") }
        #expect(throws: CryptoError.authenticationFailed) { try kek.open(sealed, context: "kid-1|institution-b") }
        var nonce = sealed.nonce
        nonce[0] ^= 0x80
        #expect(throws: CryptoError.authenticationFailed) { try kek.open(.init(nonce: nonce, ciphertext: sealed.ciphertext), context: "kid-1|institution-a") }
        #expect(throws: CryptoError.authenticationFailed) { try kek.open(.init(nonce: sealed.nonce, ciphertext: [1, 2, 3]), context: "kid-1|institution-a") }
    }

    @Test("the key-encryption key reads standard base64 and base64url, and refuses anything but 32 bytes")
    func keyForms() throws {
        let kek = try KeyEncryptionKey.generate()
        let again = try KeyEncryptionKey(base64: kek.base64 + "\n")
        let sealed = try kek.seal([1, 2, 3], context: "c")
        #expect(try again.open(sealed, context: "c") == [1, 2, 3])
        #expect(kek.base64.count == 44 && kek.base64.hasSuffix("="))
        #expect(throws: CryptoError.self) { try KeyEncryptionKey(base64: "c2hvcnQ=") }
        #expect(throws: CryptoError.self) { try KeyEncryptionKey(base64: "not base64 at all!") }
        #expect(throws: CryptoError.self) { try KeyEncryptionKey(bytes: [UInt8](repeating: 0, count: 31)) }
    }

    private func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }
}
