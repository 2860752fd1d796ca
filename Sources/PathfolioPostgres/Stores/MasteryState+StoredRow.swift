import Foundation
import PathfolioCore

extension MasteryState {
    /// The columns ``init(learner:competency:row:from:)`` reads, in order, from a `mastery_states`
    /// row aliased `s`.
    static let storedColumns = """
        s.status, s.score, s.level_label, s.level_points, s.first_mastered_at, s.contributing_reviews, s.latest_review_at
        """

    /// A stored direct state of a row holding ``storedColumns`` from `column` on.
    init(learner: PersonID, competency: CompetencyID, row: PostgresRow, from column: Int) throws {
        let label = try row.decode(String?.self, at: column + 2)
        let points = try row.decode(Score?.self, at: column + 3)
        self.init(learnerID: learner, competencyID: competency, score: try row.decode(Score?.self, at: column + 1),
                  level: label.flatMap { label in points.map { ProficiencyScale.Level(label: label, points: $0) } },
                  status: MasteryStatus(rawValue: try row.decode(String.self, at: column)) ?? .notStarted,
                  firstMasteredAt: try row.decode(Date?.self, at: column + 4),
                  contributingReviewCount: try row.decode(Int.self, at: column + 5),
                  latestReviewAt: try row.decode(Date?.self, at: column + 6))
    }
}
