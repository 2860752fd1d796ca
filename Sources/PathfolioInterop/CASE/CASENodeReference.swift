import Foundation
public import PathfolioCore

/// A CASE `LinkGenURI`: how an association names its origin or destination (identifier, URI,
/// title). An end outside the package is kept as such a reference, resolving once its framework
/// is imported.
public struct CASENodeReference: Sendable, Hashable {
    /// `identifier` as published.
    public var identifier: String
    /// `uri`.
    public var uri: String
    /// `title` (required by 1.1; the importer reads an absent one as `""`, with a warning).
    public var title: String
    /// Members not modelled (e.g. 1.1 `targetType`), verbatim.
    public var extra: JSONObject

    /// Makes a reference.
    public init(identifier: String, uri: String, title: String = "", extra: JSONObject = JSONObject()) {
        self.identifier = identifier
        self.uri = uri
        self.title = title
        self.extra = extra
    }
}

extension CASENodeReference {
    /// The core identifier for a published node identifier: the UUID itself, or, for a
    /// non-UUID identifier (LinkGenURI allows them), a stable name-based UUID derived from its
    /// text (FNV-1a 128-bit, version bits 8), so the association is still kept.
    public static func coreIdentifier<Subject>(_ identifier: String) -> Identifier<Subject> {
        if let id = Identifier<Subject>(identifier) { return id }
        // FNV-1a, 128-bit.
        var high: UInt64 = 0x6C62272E07BB0142, low: UInt64 = 0x62B821756295C58D
        let primeLow: UInt64 = 0x13B
        for byte in identifier.utf8 {
            low ^= UInt64(byte)
            // (high, low) *= 2^88 + 0x13B, modulo 2^128.
            let product = low.multipliedFullWidth(by: primeLow)
            let newHigh = high &* primeLow &+ product.high &+ (low << 24)
            low = product.low
            high = newHigh
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * index))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * index))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x80 // version 8 (custom)
        bytes[8] = (bytes[8] & 0x3F) | 0x80 // RFC 4122 variant
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return Identifier<Subject>(uuid)
    }
}
