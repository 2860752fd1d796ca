/// What an import did to one table.
public struct RosterCounts: Sendable, Hashable, Codable {
    /// New records.
    public var created: Int
    /// Records whose content changed (or that came back after being removed).
    public var updated: Int
    /// Records given again with identical content, left untouched.
    public var unchanged: Int
    /// Records removed (memberships deleted; people, orgs, sessions and classes marked retired).
    public var removed: Int

    /// Makes counts.
    public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0, removed: Int = 0) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.removed = removed
    }
}
