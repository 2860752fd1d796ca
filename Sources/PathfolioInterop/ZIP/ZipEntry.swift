/// One entry of a ZIP archive's central directory.
public struct ZipEntry: Sendable, Hashable {
    /// The path inside the archive (`/`-separated; folders end with `/`).
    public let name: String
    /// 0 (stored) or 8 (deflate).
    public let method: Int
    /// The CRC-32 of the unpacked bytes.
    public let crc32: UInt32
    /// Packed size in bytes.
    public let compressedSize: Int
    /// Unpacked size in bytes.
    public let uncompressedSize: Int
    /// Where the entry's local header starts.
    let localHeaderOffset: Int

    /// Whether the entry is a folder.
    public var isDirectory: Bool { name.hasSuffix("/") }
}
