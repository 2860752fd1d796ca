public import PathfolioCore

/// Where a competency sits in its framework's list: its position in the package as published,
/// then its id (a retired item keeps its last position, which a newer item may share).
public struct CompetencyListKey: Sendable, Hashable, Codable {
    /// Position in the package (0-based).
    public var position: Int
    /// The competency's id.
    public var id: CompetencyID

    /// Makes a key.
    public init(position: Int, id: CompetencyID) {
        self.position = position
        self.id = id
    }

    /// The key as text components (for an opaque cursor): `[position, id]`.
    public var components: [String] { [String(position), id.description] }

    /// The key from ``components``; nil when they are not one.
    public init?(components: [String]) {
        guard components.count == 2, let position = Int(components[0]), position >= 0,
              let id = CompetencyID(components[1]) else { return nil }
        self.init(position: position, id: id)
    }
}
