import PathfolioCore

/// One competency with its framework and its neighbours (`GET /v1/competencies/{id}`).
public struct CompetencyDetail: Sendable, Hashable {
    /// The competency.
    public var entry: CompetencyEntry
    /// Its framework's title.
    public var frameworkTitle: String
    /// Every association in force that touches it, by type, then sequence number, then package order.
    public var links: [CompetencyLink]

    /// Makes a detail.
    public init(entry: CompetencyEntry, frameworkTitle: String, links: [CompetencyLink]) {
        self.entry = entry
        self.frameworkTitle = frameworkTitle
        self.links = links
    }

    /// What it `isChildOf` (competencies, or its framework's document).
    public var parents: [CompetencyLink] { links.filter { $0.type == .isChildOf && $0.direction == .outgoing } }
    /// What `isChildOf` it.
    public var children: [CompetencyLink] { links.filter { $0.type == .isChildOf && $0.direction == .incoming } }
    /// Its direct prerequisites: what `precedes` it.
    public var prerequisites: [CompetencyLink] { links.filter { $0.type == .precedes && $0.direction == .incoming } }
    /// What it `precedes` (it is their prerequisite).
    public var dependents: [CompetencyLink] { links.filter { $0.type == .precedes && $0.direction == .outgoing } }
    /// Every other association (related, exact matches, extension types …).
    public var otherLinks: [CompetencyLink] { links.filter { $0.type != .isChildOf && $0.type != .precedes } }
}
