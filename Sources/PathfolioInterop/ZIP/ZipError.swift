/// Why a ZIP archive cannot be read. Every case that concerns one entry names it.
public enum ZipError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No end-of-central-directory record: not a ZIP archive (or cut short).
    case notAZip
    /// A structure is cut short or inconsistent (`what` says which).
    case malformed(String)
    /// A ZIP64 archive (over 4 GiB or 65,535 entries): not supported.
    case zip64
    /// An archive split over several disks: not supported.
    case multiDisk
    /// An entry is encrypted.
    case encrypted(entry: String)
    /// An entry uses a compression method other than stored (0) or deflate (8).
    case unsupportedMethod(entry: String, method: Int)
    /// More entries than ``ZipLimits/maximumEntries``.
    case tooManyEntries(limit: Int)
    /// The entries together would unpack to more than ``ZipLimits/maximumTotalSize`` bytes.
    case tooLarge(limit: Int)
    /// An entry claims to unpack to more than ``ZipLimits/maximumRatio`` times its packed size.
    case suspiciousRatio(entry: String)
    /// An entry's name is absolute, climbs out of the archive (`..`) or is not text.
    case unsafeName(String)
    /// Two entries have the same name.
    case duplicateEntry(String)
    /// An entry's deflate stream is invalid (`reason` says how).
    case invalidDeflate(entry: String, reason: String)
    /// An entry unpacked to a size other than the one the directory declares.
    case sizeMismatch(entry: String)
    /// An entry's CRC-32 differs from the one the directory declares.
    case checksumMismatch(entry: String)

    public var description: String {
        switch self {
        case .notAZip: "not a ZIP archive (no end of central directory record)"
        case .malformed(let what): "malformed ZIP archive: \(what)"
        case .zip64: "ZIP64 archives (over 4 GiB or 65,535 entries) are not supported"
        case .multiDisk: "archives split over several disks are not supported"
        case .encrypted(let entry): "\(entry) is encrypted"
        case .unsupportedMethod(let entry, let method): "\(entry) uses compression method \(method) (only stored and deflate are supported)"
        case .tooManyEntries(let limit): "the archive has more than \(limit) entries"
        case .tooLarge(let limit): "the archive would unpack to more than \(limit) bytes"
        case .suspiciousRatio(let entry): "\(entry) claims a compression ratio no CSV file has (a ZIP bomb?)"
        case .unsafeName(let name): "the entry name \(name.debugDescription) is absolute or leaves the archive"
        case .duplicateEntry(let name): "the archive holds \(name) twice"
        case .invalidDeflate(let entry, let reason): "\(entry) is not valid deflate data: \(reason)"
        case .sizeMismatch(let entry): "\(entry) does not unpack to the size the archive declares"
        case .checksumMismatch(let entry): "\(entry) fails its CRC-32 check (the archive is damaged)"
        }
    }
}
