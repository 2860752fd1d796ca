public import PathfolioCore

/// Everything an institution's mastery computations need: its frameworks (each with the
/// policy in force and its default scale), every competency (retired ones included, so
/// history stays explainable) and every association in force.
public struct FrameworkCatalog: Sendable {
    /// The frameworks, by id order.
    public var frameworks: [Framework]
    /// Every competency, retired ones included (``Competency/isRetired``), by framework then
    /// package order.
    public var competencies: [Competency]
    /// Every association not retired, published or local. They may cross frameworks and may
    /// have an end outside every framework held (``CompetencyGraph`` ignores such ends).
    public var associations: [Association]
    /// The framework whose package published each association (local ones are absent).
    public var publishers: [AssociationID: FrameworkID]

    /// Makes a catalog.
    public init(frameworks: [Framework], competencies: [Competency], associations: [Association],
                publishers: [AssociationID: FrameworkID]) {
        self.frameworks = frameworks
        self.competencies = competencies
        self.associations = associations
        self.publishers = publishers
    }

    /// The graph of all the competencies and associations. It only fails (naming the cycle)
    /// if the stored data holds a cycle, which imports refuse.
    public func graph() throws(CompetencyGraph.Invalid) -> CompetencyGraph {
        try CompetencyGraph(competencies: competencies, associations: associations)
    }
}
