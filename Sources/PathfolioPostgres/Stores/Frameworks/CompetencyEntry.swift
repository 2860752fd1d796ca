public import Foundation
public import PathfolioCore

/// A competency as lists and trees show it: the core value, where it sits, and its parents.
public struct CompetencyEntry: Sendable, Hashable {
    /// A parent in the hierarchy (the destination of an `isChildOf` whose origin is this one).
    public struct Parent: Sendable, Hashable, Decodable {
        /// The parent competency.
        public var id: CompetencyID
        /// The `isChildOf` association's `sequenceNumber`: the order among the parent's children.
        public var sequenceNumber: Int?

        /// Makes a parent link.
        public init(id: CompetencyID, sequenceNumber: Int?) {
            self.id = id
            self.sequenceNumber = sequenceNumber
        }
    }

    /// The competency (``Competency/isRetired`` set when a newer version dropped it).
    public var competency: Competency
    /// CASE `listEnumeration` as published.
    public var listEnumeration: String?
    /// Position in its package as published (0-based).
    public var position: Int
    /// Parents that are competencies the institution holds, ordered by sequence number
    /// (an item directly under its framework's document has none). Retired associations
    /// are left out.
    public var parents: [Parent]
    /// When it was first imported.
    public var createdAt: Date
    /// When an import last changed it.
    public var updatedAt: Date
    /// When a newer version of its framework dropped it.
    public var retiredAt: Date?

    /// The entry's place in its framework's list.
    public var listKey: CompetencyListKey { CompetencyListKey(position: position, id: competency.id) }

    /// Makes an entry.
    public init(competency: Competency, listEnumeration: String?, position: Int, parents: [Parent],
                createdAt: Date, updatedAt: Date, retiredAt: Date?) {
        self.competency = competency
        self.listEnumeration = listEnumeration
        self.position = position
        self.parents = parents
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.retiredAt = retiredAt
    }
}
