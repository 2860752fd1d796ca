/// A ZIP archive read from memory (APPNOTE 6.3): the central directory, then each entry's
/// stored (method 0) or deflated (method 8) bytes, checked against its CRC-32.
///
/// Refused, with a ``ZipError``: anything that is not a single-disk, non-ZIP64 archive;
/// encrypted entries; other methods; entry names that are absolute or climb out (`..`);
/// duplicate names; and whatever exceeds the ``ZipLimits`` (entry count, total unpacked size,
/// compression ratio), checked from the directory before inflating and enforced while
/// inflating (an entry may not unpack beyond the size it declares).
public struct ZipArchive: Sendable {
    /// The entries, in directory order.
    public let entries: [ZipEntry]
    private let bytes: [UInt8]

    /// Reads the central directory of `bytes`.
    public init(bytes: [UInt8], limits: ZipLimits = .standard) throws(ZipError) {
        self.bytes = bytes
        let end = try Self.endOfCentralDirectory(in: bytes)
        guard Self.uint16(bytes, end + 4) == 0, Self.uint16(bytes, end + 6) == 0 else { throw .multiDisk }
        let count = Self.uint16(bytes, end + 10)
        let size = Self.uint32(bytes, end + 12), offset = Self.uint32(bytes, end + 16)
        guard count != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else { throw .zip64 }
        guard Self.uint16(bytes, end + 8) == count else { throw .multiDisk }
        guard count <= limits.maximumEntries else { throw .tooManyEntries(limit: limits.maximumEntries) }
        guard offset + size <= end else { throw .malformed("the central directory lies outside the archive") }

        var entries: [ZipEntry] = []
        var names = Set<String>()
        var total = 0
        var at = offset
        for _ in 0..<count {
            guard at + 46 <= offset + size, Self.uint32(bytes, at) == 0x0201_4B50 else {
                throw .malformed("a central directory header is missing or cut short")
            }
            let flags = Self.uint16(bytes, at + 8), method = Self.uint16(bytes, at + 10)
            let crc = UInt32(Self.uint32(bytes, at + 16))
            let compressed = Self.uint32(bytes, at + 20), uncompressed = Self.uint32(bytes, at + 24)
            let nameLength = Self.uint16(bytes, at + 28), extraLength = Self.uint16(bytes, at + 30)
            let commentLength = Self.uint16(bytes, at + 32), localOffset = Self.uint32(bytes, at + 42)
            let next = at + 46 + nameLength + extraLength + commentLength
            guard next <= offset + size else { throw .malformed("a central directory entry is cut short") }
            let name = try Self.name(bytes[(at + 46)..<(at + 46 + nameLength)])
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, localOffset != 0xFFFF_FFFF else { throw .zip64 }
            guard names.insert(name).inserted else { throw .duplicateEntry(name) }
            guard flags & 1 == 0 else { throw .encrypted(entry: name) }
            guard method == 0 || method == 8 else { throw .unsupportedMethod(entry: name, method: method) }
            if method == 0, compressed != uncompressed { throw .sizeMismatch(entry: name) }
            total += uncompressed
            guard total <= limits.maximumTotalSize else { throw .tooLarge(limit: limits.maximumTotalSize) }
            if uncompressed > 1 << 20, uncompressed > compressed * limits.maximumRatio { throw .suspiciousRatio(entry: name) }
            guard localOffset + compressed <= offset else { throw .malformed("\(name)'s data lies outside the archive") }
            entries.append(ZipEntry(name: name, method: method, crc32: crc, compressedSize: compressed,
                                    uncompressedSize: uncompressed, localHeaderOffset: localOffset))
            at = next
        }
        self.entries = entries
    }

    /// The unpacked bytes of `entry` (its CRC-32 and size checked).
    public func contents(of entry: ZipEntry) throws(ZipError) -> [UInt8] {
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, Self.uint32(bytes, header) == 0x0403_4B50 else {
            throw .malformed("\(entry.name)'s local header is missing")
        }
        let start = header + 30 + Self.uint16(bytes, header + 26) + Self.uint16(bytes, header + 28)
        guard start + entry.compressedSize <= bytes.count else { throw .malformed("\(entry.name)'s data is cut short") }
        let packed = Array(bytes[start..<(start + entry.compressedSize)])
        let unpacked: [UInt8]
        if entry.method == 0 {
            unpacked = packed
        } else {
            do {
                unpacked = try Inflater.inflate(packed, limit: entry.uncompressedSize)
            } catch {
                throw .invalidDeflate(entry: entry.name, reason: error.reason)
            }
        }
        guard unpacked.count == entry.uncompressedSize else { throw .sizeMismatch(entry: entry.name) }
        guard CRC32.checksum(unpacked) == entry.crc32 else { throw .checksumMismatch(entry: entry.name) }
        return unpacked
    }

    /// Every file (not folder) entry's unpacked bytes, by name.
    public func files() throws(ZipError) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for entry in entries where !entry.isDirectory { files[entry.name] = try contents(of: entry) }
        return files
    }

    // MARK: Reading the structures

    /// The offset of the end-of-central-directory record: the last signature whose comment
    /// length reaches exactly the end of the data.
    private static func endOfCentralDirectory(in bytes: [UInt8]) throws(ZipError) -> Int {
        guard bytes.count >= 22 else { throw .notAZip }
        var at = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while at >= lowest {
            if uint32(bytes, at) == 0x0605_4B50, at + 22 + uint16(bytes, at + 20) == bytes.count { return at }
            at -= 1
        }
        throw .notAZip
    }

    /// An entry name: UTF-8 (or, failing that, each byte as a Latin-1 character), relative,
    /// without `..` or empty segments beyond a folder's trailing `/`.
    private static func name(_ raw: ArraySlice<UInt8>) throws(ZipError) -> String {
        let name = String(validating: raw, as: UTF8.self) ?? String(raw.map { Character(Unicode.Scalar($0)) })
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        let body = name.hasSuffix("/") ? segments.dropLast() : segments[...]
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0"),
              body.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." }) else { throw .unsafeName(name) }
        return name
    }

    private static func uint16(_ bytes: [UInt8], _ at: Int) -> Int {
        guard at >= 0, at + 2 <= bytes.count else { return 0 }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ at: Int) -> Int {
        guard at >= 0, at + 4 <= bytes.count else { return 0 }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
    }
}
