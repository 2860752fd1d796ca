import Foundation
import PathfolioCore
import PathfolioPostgres

/// A plan template version as the API shows it.
struct PlanTemplateRepresentation: Encodable {
    struct Milestone: Encodable {
        let afterDays: Int
        let competencyIds: [String]
    }
    struct Outline: Encodable {
        let statement: String
        let kind: String
        let targetCompetencyIds: [String]
        let targetLevel: Score?
        let dueAfterDays: Int
        let milestones: [Milestone]
    }

    let id: String
    let version: Int
    let title: String
    let description: String
    let competencyIds: [String]
    let goals: [Outline]
    let etag: String
    let createdBy: String
    let createdAt: Date

    init(_ stored: StoredPlanTemplate) {
        let template = stored.template
        id = template.id.description
        version = stored.version
        title = template.title
        description = stored.description
        competencyIds = template.competencies.map(\.description)
        goals = template.goalOutlines.map { outline in
            Outline(statement: outline.statement, kind: outline.kind.rawValue, targetCompetencyIds: outline.targets.map(\.description),
                    targetLevel: outline.targetLevel, dueAfterDays: outline.dueAfterDays,
                    milestones: outline.milestones.map { Milestone(afterDays: $0.afterDays, competencyIds: $0.competencies.map(\.description)) })
        }
        etag = PlanTemplateRepresentation.etag(version: stored.version).header
        createdBy = stored.createdBy.description
        createdAt = stored.createdAt
    }

    static func etag(version: Int) -> EntityTag { EntityTag(kind: "template", version: version) }
}
