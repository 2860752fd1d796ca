import Foundation
import PathfolioCrypto
public import PathfolioHTTP

/// `limit` and `cursor` of a list request (SPEC §2.1: cursor pagination).
///
/// A cursor is opaque to clients: the base64url of the keyset position after the last item
/// of the previous page (a list of strings the endpoint defines). Lists are ordered by a
/// unique key, so a page never repeats or skips an item when others are added meanwhile.
struct PageRequest {
    /// Items per page: `limit`, 1…200, default 50.
    let limit: Int
    /// The keyset position to continue after, or nil for the first page.
    let after: [String]?

    static let defaultLimit = 50
    static let maximumLimit = 200

    /// Reads `limit` and `cursor`; a cursor must have `keyCount` components.
    init(_ request: HTTPRequest, keyCount: Int) throws(APIError) {
        if let text = request.query("limit") {
            guard let limit = Int(text), (1...PageRequest.maximumLimit).contains(limit) else {
                throw .invalidParameter("limit", "Must be an integer from 1 to \(PageRequest.maximumLimit).")
            }
            self.limit = limit
        } else {
            limit = PageRequest.defaultLimit
        }
        if let cursor = request.query("cursor") {
            guard let bytes = Base64URL.decode(cursor),
                  case let parts = String(decoding: bytes, as: UTF8.self).split(separator: "\u{1F}", omittingEmptySubsequences: false),
                  parts.count == keyCount
            else { throw .invalidParameter("cursor", "Not a cursor this list gave out.") }
            after = parts.map(String.init)
        } else {
            after = nil
        }
    }

    /// The keyset position decoded by `decode` (nil on the first page); a cursor `decode`
    /// cannot read answers 400.
    func position<Key>(_ decode: ([String]) -> Key?) throws(APIError) -> Key? {
        guard let after else { return nil }
        guard let key = decode(after) else { throw .invalidParameter("cursor", "Not a cursor this list gave out.") }
        return key
    }

    /// The cursor that continues after `key`.
    static func cursor(after key: [String]) -> String {
        Base64URL.encode(Array(key.joined(separator: "\u{1F}").utf8))
    }
}

/// One page of a list: `{"items": [...], "next": "/v1/...?cursor=…" | null}`.
struct Page<Item: Encodable>: Encodable {
    let items: [Item]
    let next: String?

    /// Builds the page from up to `limit + 1` fetched items: the extra one only says there is more.
    init(fetched: [Item], request: HTTPRequest, page: PageRequest, key: (Item) -> [String]) {
        let items = Array(fetched.prefix(page.limit))
        self.init(items: items, nextKey: fetched.count > page.limit ? key(items[items.count - 1]) : nil,
                  request: request, page: page)
    }

    /// A page whose store already knows the key to continue after (nil on the last page).
    init(items: [Item], nextKey: [String]?, request: HTTPRequest, page: PageRequest) {
        self.items = items
        if let nextKey {
            var query = request.queryItems.filter { $0.name != "cursor" && $0.name != "limit" }
            query.append(("limit", String(page.limit)))
            query.append(("cursor", PageRequest.cursor(after: nextKey)))
            next = request.path + "?" + query.map { Page.escape($0.name) + "=" + Page.escape($0.value) }.joined(separator: "&")
        } else {
            next = nil
        }
    }

    enum CodingKeys: String, CodingKey { case items, next }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(next, forKey: .next)  // explicit null on the last page
    }

    private static func escape(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
