/// One page of a list read by keyset: the items, and the key to continue after when there are more.
public struct KeysetPage<Item: Sendable, Key: Sendable>: Sendable {
    /// At most `limit` items, in list order.
    public var items: [Item]
    /// The key of the last item when more follow (pass it as `after`), else nil.
    public var next: Key?

    /// Makes a page.
    public init(items: [Item], next: Key?) {
        self.items = items
        self.next = next
    }

    /// The page from up to `limit + 1` fetched items: the extra one only says there is more.
    init(fetched: [Item], limit: Int, key: (Item) -> Key) {
        if fetched.count > limit {
            items = Array(fetched.prefix(limit))
            next = items.last.map(key)
        } else {
            items = fetched
            next = nil
        }
    }
}
