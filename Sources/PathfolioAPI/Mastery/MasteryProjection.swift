import Foundation
import PathfolioCore
import PathfolioPostgres

/// Turns a learner's reviews into the rows of the mastery projection: the direct state of each
/// rated competency (``MasteryEvaluation``) and the rollup of each ancestor (``LearnerProgress``).
/// The review endpoint, policy changes and `pathfolio mastery rebuild` all use this one function,
/// so a rebuild compares like with like.
struct MasteryProjection {
    let catalog: CompetencyCatalog

    /// The projection rows for `competencies` and all their ancestors (every reviewed
    /// competency and its ancestors when nil).
    func rows(learner: PersonID, reviews: [Review], touching competencies: Set<CompetencyID>? = nil)
        -> [MasteryStateStore.Stored] {
        let progress = LearnerProgress(learner: learner, graph: catalog.graph, frameworks: catalog.frameworks,
                                       reviews: reviews)
        let seeds = competencies ?? Set(reviews.map(\.competencyID))
        var targets = Set<CompetencyID>()
        for id in seeds where catalog.graph.competency(id) != nil {
            targets.insert(id)
            targets.formUnion(catalog.graph.ancestors(of: id))
        }
        var byCompetency: [CompetencyID: [Review]] = [:]
        for review in reviews where targets.contains(review.competencyID) {
            byCompetency[review.competencyID, default: []].append(review)
        }
        return targets.sorted().compactMap { id in
            guard let entry = progress.entries[id], let competency = catalog.graph.competency(id) else { return nil }
            if let rollup = entry.rollup {
                return MasteryStateStore.Stored(
                    competencyID: id, isRollup: true, status: rollup.status, score: nil, level: nil,
                    firstMasteredAt: rollup.firstMasteredAt, contributingReviewCount: 0, latestReviewAt: nil)
            }
            let state = MasteryEvaluation(learner: learner, competency: id, reviews: byCompetency[id] ?? [],
                                          method: catalog.method(for: competency), scale: catalog.scale(for: competency)).state
            return MasteryStateStore.Stored(
                competencyID: id, isRollup: false, status: state.status, score: state.score, level: state.level,
                firstMasteredAt: state.firstMasteredAt, contributingReviewCount: state.contributingReviewCount,
                latestReviewAt: state.latestReviewAt)
        }
    }
}
