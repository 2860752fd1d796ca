public import PathfolioCore

/// Where a framework sits in the framework list (ordered by title, then id).
public struct FrameworkListKey: Sendable, Hashable, Codable {
    /// The framework's title.
    public var title: String
    /// Its id.
    public var id: FrameworkID

    /// Makes a key.
    public init(title: String, id: FrameworkID) {
        self.title = title
        self.id = id
    }

    /// The key as text components (for an opaque cursor): `[title, id]`.
    public var components: [String] { [title, id.description] }

    /// The key from ``components``; nil when they are not one.
    public init?(components: [String]) {
        guard components.count == 2, let id = FrameworkID(components[1]) else { return nil }
        self.init(title: components[0], id: id)
    }
}
