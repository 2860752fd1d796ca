/// Bounds on what a ZIP archive may unpack to, checked against the central directory before
/// anything is inflated, and again while inflating (the directory's sizes are not trusted).
public struct ZipLimits: Sendable, Hashable {
    /// Most entries (files and folders).
    public var maximumEntries: Int
    /// Most bytes all entries together may unpack to.
    public var maximumTotalSize: Int
    /// Largest unpacked ÷ packed size of an entry, checked for entries over 1 MiB unpacked
    /// (deflate itself cannot exceed about 1,032; CSV text rarely exceeds 20).
    public var maximumRatio: Int

    /// Makes limits.
    public init(maximumEntries: Int = 1_000, maximumTotalSize: Int = 512 << 20, maximumRatio: Int = 250) {
        self.maximumEntries = maximumEntries
        self.maximumTotalSize = maximumTotalSize
        self.maximumRatio = maximumRatio
    }

    /// 1,000 entries, 512 MiB in all, ratio 250.
    public static let standard = ZipLimits()
}
