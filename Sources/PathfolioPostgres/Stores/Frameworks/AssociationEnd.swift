/// One end of an association as its package published it (a CASE `LinkGenURI`): kept for every
/// association, so an end outside every framework the institution holds (an external node)
/// still has its identifier, URI and title, and resolves by id once its framework is imported.
public struct AssociationEnd: Sendable, Hashable {
    /// `identifier` as published (usually a UUID; LinkGenURI allows any text).
    public var identifier: String
    /// `uri`.
    public var uri: String
    /// `title`.
    public var title: String

    /// Makes a reference.
    public init(identifier: String, uri: String, title: String) {
        self.identifier = identifier
        self.uri = uri
        self.title = title
    }
}
