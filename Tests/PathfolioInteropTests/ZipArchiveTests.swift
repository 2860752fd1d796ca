import Foundation
import Testing
@testable import PathfolioInterop

@Suite("ZIP reader and inflate")
struct ZipArchiveTests {
    /// Text long and varied enough for zlib to choose dynamic Huffman blocks, with repeats for back-references.
    static let csv: [UInt8] = {
        var text = "sourcedId,status,dateLastModified,name\r\n"
        for n in 0..<3_000 { text += "usr-\(n),active,2024-0\(n % 9 + 1)-01T00:00:00Z,\"Name \(n * 7919 % 10_007), \(n)\"\r\n" }
        return Array(text.utf8)
    }()
    static let small: [UInt8] = Array("a,b\r\n1,2\r\n".utf8)
    static let binary: [UInt8] = (0..<70_000).map { UInt8(truncatingIfNeeded: ($0 * 2_654_435_761) >> 13) }

    @Test("stored, deflated and level-0 deflated archives unpack exactly", arguments: [
        ZipFixtures.Method.stored, .deflated, .deflatedLevel0,
    ])
    func roundTrip(method: ZipFixtures.Method) throws {
        let files = ["users.csv": Self.csv, "folder/small.csv": Self.small, "empty.csv": [], "noise.bin": Self.binary]
        let archive = try ZipArchive(bytes: try ZipFixtures.archive(files, method: method))
        #expect(archive.entries.map(\.name).sorted() == files.keys.sorted())
        #expect(archive.entries.allSatisfy { $0.method == (method == .stored ? 0 : 8) })
        #expect(try archive.files() == files)
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test func damagedDataFailsItsChecks() throws {
        let good = try ZipFixtures.archive(["users.csv": Self.csv])
        let entry = try #require(try ZipArchive(bytes: good).entries.first)
        // A byte of the packed data changed: the inflater or the CRC notices.
        var damaged = good
        damaged[30 + entry.name.utf8.count + entry.compressedSize / 2] ^= 0x55
        #expect(throws: ZipError.self) { try ZipArchive(bytes: damaged).files() }
        // A stored entry with a changed byte: only the CRC can tell.
        var stored = try ZipFixtures.archive(["users.csv": Self.csv], method: .stored)
        stored[30 + entry.name.utf8.count + 100] ^= 0x01
        #expect(throws: ZipError.checksumMismatch(entry: "users.csv")) { try ZipArchive(bytes: stored).files() }
    }

    @Test func cutShortOrForeignInputIsRefused() throws {
        let good = try ZipFixtures.archive(["users.csv": Self.csv])
        #expect(throws: ZipError.notAZip) { try ZipArchive(bytes: Array(good.prefix(good.count - 10))) }
        #expect(throws: ZipError.notAZip) { try ZipArchive(bytes: Array("sourcedId,status\r\n".utf8)) }
        #expect(throws: ZipError.notAZip) { try ZipArchive(bytes: []) }
        // The central directory kept, the data cut away.
        var hollow = good
        let entry = try #require(try ZipArchive(bytes: good).entries.first)
        for index in 30..<(30 + entry.compressedSize) { hollow[index] = 0xFF }
        #expect(throws: ZipError.self) { try ZipArchive(bytes: hollow).files() }
    }

    @Test func limitsStopZipBombsBeforeInflating() throws {
        let zeros = [UInt8](repeating: 0, count: 4 << 20)
        let bomb = try ZipFixtures.archive(["zeros.csv": zeros])
        #expect(throws: ZipError.suspiciousRatio(entry: "zeros.csv")) { try ZipArchive(bytes: bomb) }
        #expect(throws: ZipError.tooLarge(limit: 1 << 20)) {
            try ZipArchive(bytes: bomb, limits: ZipLimits(maximumTotalSize: 1 << 20, maximumRatio: 10_000))
        }
        let many = try ZipFixtures.archive(["a.csv": Self.small, "b.csv": Self.small, "c.csv": Self.small])
        #expect(throws: ZipError.tooManyEntries(limit: 2)) { try ZipArchive(bytes: many, limits: ZipLimits(maximumEntries: 2)) }
        // A directory that understates an entry's size: inflating stops at the declared size.
        var lying = try ZipFixtures.archive(["users.csv": Self.csv])
        let directory = try #require(Self.centralDirectoryOffset(lying))
        lying[directory + 24] = 0x10
        lying[directory + 25] = 0
        lying[directory + 26] = 0
        lying[directory + 27] = 0
        #expect(throws: ZipError.self) { try ZipArchive(bytes: lying).files() }
    }

    @Test func unsafeNamesEncryptionAndOtherMethodsAreRefused() throws {
        #expect(throws: ZipError.unsafeName("../users.csv")) {
            try ZipArchive(bytes: try ZipFixtures.archive(["../users.csv": Self.small]))
        }
        #expect(throws: ZipError.unsafeName("/etc/users.csv")) {
            try ZipArchive(bytes: try ZipFixtures.archive(["/etc/users.csv": Self.small]))
        }
        let good = try ZipFixtures.archive(["users.csv": Self.small])
        let directory = try #require(Self.centralDirectoryOffset(good))
        var encrypted = good
        encrypted[directory + 8] |= 1
        #expect(throws: ZipError.encrypted(entry: "users.csv")) { try ZipArchive(bytes: encrypted) }
        var bzip2 = good
        bzip2[directory + 10] = 12
        #expect(throws: ZipError.unsupportedMethod(entry: "users.csv", method: 12)) { try ZipArchive(bytes: bzip2) }
    }

    @Test func invalidDeflateStreamsAreNamed() {
        // Block type 3 (reserved).
        #expect(throws: Inflater.Failure.self) { try Inflater.inflate([0x07], limit: 10) }
        // A stored block whose length and complement disagree.
        #expect(throws: Inflater.Failure.self) { try Inflater.inflate([0x01, 0x05, 0x00, 0x00, 0x00], limit: 10) }
        // A back-reference before the start (fixed block: length 3 at distance 1 with no output).
        #expect(throws: Inflater.Failure.self) { try Inflater.inflate([0x03, 0x02, 0x00], limit: 10) }
        // Valid: a fixed block with "a" and end of block.
        #expect((try? Inflater.inflate([0x4B, 0x04, 0x00], limit: 10)) == Array("a".utf8))
    }

    @Test("a OneRoster package zipped, at the root or in one folder, reads as the folder does", arguments: ["", "export-2024/"])
    func oneRosterZip(prefix: String) throws {
        let folder = OneRosterFixtureTests.root + "v1p2/catalyst-oneroster_test_data"
        let zipped = try ZipFixtures.archive(try ZipFixtures.files(in: folder, under: prefix).merging(["README.txt": Self.small]) { $1 })
        let fromZip = try OneRosterPackageReader().read(zip: zipped)
        let fromFolder = try OneRosterPackageReader().read(directory: URL(fileURLWithPath: folder))
        #expect(fromZip == fromFolder)
        #expect(fromZip.isAccepted)
    }

    @Test func csvFilesInSeveralFoldersAreAProblem() throws {
        let zipped = try ZipFixtures.archive(["a/manifest.csv": Self.small, "b/manifest.csv": Self.small])
        let package = try OneRosterPackageReader().read(zip: zipped)
        #expect(!package.isAccepted)
        #expect(package.errors.first?.message.contains("several folders") == true)
    }

    /// The first central directory header's offset.
    static func centralDirectoryOffset(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let end = bytes.count - 22
        return Int(bytes[end + 16]) | Int(bytes[end + 17]) << 8 | Int(bytes[end + 18]) << 16 | Int(bytes[end + 19]) << 24
    }
}
