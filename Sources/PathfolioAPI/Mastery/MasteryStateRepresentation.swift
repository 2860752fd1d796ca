import Foundation
import PathfolioCore
import PathfolioPostgres

/// One competency's mastery state as the API shows it.
struct MasteryStateRepresentation: Encodable {
    let competencyId: String
    let frameworkId: String?
    let code: String?
    let statement: String?
    /// `direct` (rated) or `rollup` (from its children).
    let source: String
    let status: String
    let score: Score?
    let level: ProficiencyScaleRepresentation.Level?
    let firstMasteredAt: Date?
    let contributingReviews: Int
    let latestReviewAt: Date?

    init(_ stored: MasteryStateStore.Stored, catalog: CompetencyCatalog) {
        let competency = catalog.graph.competency(stored.competencyID)
        competencyId = stored.competencyID.description
        frameworkId = competency?.frameworkID.description
        code = competency?.humanCodingScheme
        statement = competency?.fullStatement
        source = stored.isRollup ? "rollup" : "direct"
        status = stored.status.rawValue
        score = stored.score
        level = stored.level.map { .init(label: $0.label, points: $0.points.description) }
        firstMasteredAt = stored.firstMasteredAt
        contributingReviews = stored.contributingReviewCount
        latestReviewAt = stored.latestReviewAt
    }
}
