public import PathfolioPostgres

/// One competency as `GET /v1/competencies/{id}` shows it: its own members, its framework,
/// and its neighbours — parents, children, direct prerequisites (what `precedes` it),
/// dependents (what it `precedes`) and every other association (`related`).
public struct CompetencyDetailRepresentation: Sendable, Encodable {
    /// The framework it belongs to.
    public struct FrameworkReference: Sendable, Hashable, Encodable {
        /// The framework's id.
        public let id: String
        /// Its title.
        public let title: String
    }

    /// The competency (its members appear at the top level).
    public let competency: CompetencyRepresentation
    /// The framework it belongs to.
    public let framework: FrameworkReference
    /// What it `isChildOf`: competencies, or its framework's document.
    public let parents: [CompetencyLinkRepresentation]
    /// What `isChildOf` it.
    public let children: [CompetencyLinkRepresentation]
    /// Its direct prerequisites.
    public let prerequisites: [CompetencyLinkRepresentation]
    /// What it is a direct prerequisite of.
    public let dependents: [CompetencyLinkRepresentation]
    /// Every other association in force around it.
    public let related: [CompetencyLinkRepresentation]

    /// The representation of a stored competency's detail.
    public init(_ detail: CompetencyDetail) {
        competency = CompetencyRepresentation(detail.entry)
        framework = FrameworkReference(id: detail.entry.competency.frameworkID.description, title: detail.frameworkTitle)
        parents = detail.parents.map(CompetencyLinkRepresentation.init)
        children = detail.children.map(CompetencyLinkRepresentation.init)
        prerequisites = detail.prerequisites.map(CompetencyLinkRepresentation.init)
        dependents = detail.dependents.map(CompetencyLinkRepresentation.init)
        related = detail.otherLinks.map(CompetencyLinkRepresentation.init)
    }

    private enum CodingKeys: String, CodingKey { case framework, parents, children, prerequisites, dependents, related }

    /// The competency's members, then the framework and the neighbours.
    public func encode(to encoder: any Encoder) throws {
        try competency.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(framework, forKey: .framework)
        try container.encode(parents, forKey: .parents)
        try container.encode(children, forKey: .children)
        try container.encode(prerequisites, forKey: .prerequisites)
        try container.encode(dependents, forKey: .dependents)
        try container.encode(related, forKey: .related)
    }
}
