import Foundation
import PathfolioCore

/// `GET /v1/learners/{id}/progress/{competencyId}`: the state and why — the reviews that
/// counted, those left out and the reason, the method, each arithmetic step, the exact value
/// and its single rounding; for a parent, the rollup's numbers.
struct MasteryExplanationRepresentation: Encodable {
    struct Counted: Encodable {
        let reviewId: String
        let points: Score
        let recordedAt: Date
        let used: Bool
    }
    struct Excluded: Encodable {
        let reviewId: String
        let reason: String
        let supersededBy: String?
    }
    struct Method: Encodable {
        let name: String
        let parameter: Int?
    }
    struct RollupExplanation: Encodable {
        let rule: String
        let masteredChildren: [String]
        let earnedPoints: Score
        let requiredPoints: Score
    }

    let learnerId: String
    let competencyId: String
    let code: String?
    let statement: String
    let asOf: Date?
    let status: String
    let score: Score?
    let level: ProficiencyScaleRepresentation.Level?
    let firstMasteredAt: Date?
    let method: Method
    let scale: ProficiencyScaleRepresentation
    let counted: [Counted]
    let excluded: [Excluded]
    let steps: [String]
    let exactScore: String?
    let qualifyingScoresNeeded: Int?
    let rollup: RollupExplanation?
    let explanation: [String]

    init(learner: PersonID, competency: Competency, asOf: Date?, evaluation: MasteryEvaluation,
         entry: LearnerProgress.Entry?, scale: ProficiencyScale, catalog: CompetencyCatalog) {
        let explanation = evaluation.explanation
        learnerId = learner.description
        competencyId = competency.id.description
        code = competency.humanCodingScheme
        statement = competency.fullStatement
        self.asOf = asOf
        method = Method(name: explanation.method.name, parameter: explanation.method.parameter)
        self.scale = ProficiencyScaleRepresentation(scale)
        counted = explanation.counted.map {
            Counted(reviewId: $0.reviewID.description, points: $0.points, recordedAt: $0.recordedAt, used: $0.isUsed)
        }
        excluded = explanation.excluded.map { exclusion in
            switch exclusion.reason {
            case .recordedAfterAsOf: Excluded(reviewId: exclusion.reviewID.description, reason: "recorded_after_as_of", supersededBy: nil)
            case .supersededBy(let by): Excluded(reviewId: exclusion.reviewID.description, reason: "superseded", supersededBy: by.description)
            case .negativePoints: Excluded(reviewId: exclusion.reviewID.description, reason: "negative_points", supersededBy: nil)
            }
        }
        steps = explanation.steps.map(\.description)
        exactScore = explanation.exactScore?.description
        qualifyingScoresNeeded = explanation.qualifyingScoresNeeded
        var lines = explanation.lines
        if let outcome = entry?.rollup {
            let rule = catalog.policies[competency.frameworkID]?.rollup(for: competency.id) ?? .all
            let ruleName = switch rule {
            case .all: "all"
            case .points: "points"
            case .none: "none"
            }
            rollup = RollupExplanation(rule: ruleName, masteredChildren: outcome.masteredChildren.map(\.description),
                                       earnedPoints: outcome.earnedPoints, requiredPoints: outcome.requiredPoints)
            lines.append("rollup \(ruleName): \(outcome.earnedPoints) of \(outcome.requiredPoints) points from mastered children → \(outcome.status.rawValue)")
            status = outcome.status.rawValue
            score = nil
            level = nil
            firstMasteredAt = outcome.firstMasteredAt
        } else {
            rollup = nil
            status = evaluation.state.status.rawValue
            score = evaluation.state.score
            level = evaluation.state.level.map { .init(label: $0.label, points: $0.points.description) }
            firstMasteredAt = evaluation.state.firstMasteredAt
        }
        self.explanation = lines
    }
}
