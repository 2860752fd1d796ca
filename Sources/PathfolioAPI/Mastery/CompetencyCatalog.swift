import Foundation
import PathfolioCore
import PathfolioPostgres

/// The institution's frameworks (with their policies in force) and the graph of all their
/// competencies: what mastery, progress and readiness are computed against.
struct CompetencyCatalog: Sendable {
    let frameworks: [FrameworkID: Framework]
    let graph: CompetencyGraph
    /// Its competencies' members of a mastery state's JSON, written once (progress documents).
    let fragments = CompetencyJSONFragments()

    /// The scale that rates `competency`.
    func scale(for competency: Competency) -> ProficiencyScale {
        competency.scaleOverride ?? frameworks[competency.frameworkID]?.defaultScale ?? .fourPoint
    }

    /// The method that scores `competency`.
    func method(for competency: Competency) -> MasteryMethod {
        frameworks[competency.frameworkID]?.masteryPolicy.method(for: competency.id) ?? .default
    }

    /// Policies by framework (for rollups and readiness).
    var policies: [FrameworkID: MasteryPolicy] { frameworks.mapValues(\.masteryPolicy) }

    /// Loads the catalog in the caller's transaction; `asOf` picks the policies in force then.
    static func load(institution: InstitutionID, on connection: PostgresConnection, asOf: Date? = nil) async throws -> CompetencyCatalog {
        let stored = try await FrameworkCatalogStore(institution: institution).catalog(policiesAsOf: asOf, on: connection)
        return CompetencyCatalog(frameworks: Dictionary(uniqueKeysWithValues: stored.frameworks.map { ($0.id, $0) }),
                                 graph: try stored.graph())
    }

    /// Loads the catalog of the session's institution.
    static func load(in session: Session, asOf: Date? = nil) async throws -> CompetencyCatalog {
        try await load(institution: session.institutionID, on: session.connection, asOf: asOf)
    }
}
