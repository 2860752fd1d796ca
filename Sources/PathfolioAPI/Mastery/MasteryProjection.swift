import Foundation
import PathfolioCore
import PathfolioPostgres

/// Turns a learner's reviews into the rows of the mastery projection: the direct state of each
/// rated competency (``MasteryEvaluation``) and the rollup of each ancestor (``LearnerProgress``).
/// Policy changes and `pathfolio mastery rebuild` compute from the whole ledger
/// (``rows(learner:reviews:touching:)``); the review endpoint recomputes only what a review
/// changes (``rows(learner:reviewsOfTouched:stored:touching:)``), which gives the same rows
/// as long as the stored projection is the ledger's — what the rebuild checks.
struct MasteryProjection {
    let catalog: CompetencyCatalog

    /// The competencies whose stored states recomputing `touched` needs: the touched ones,
    /// their ancestors (whose rows are rewritten), and everything under those ancestors
    /// (what their rollups are made of).
    func statesNeeded(forRecomputing touched: Set<CompetencyID>) -> Set<CompetencyID> {
        var targets = Set<CompetencyID>()
        for id in touched where catalog.graph.competency(id) != nil {
            targets.insert(id)
            targets.formUnion(catalog.graph.ancestors(of: id))
        }
        var needed = targets
        for id in targets { needed.formUnion(catalog.graph.descendants(of: id)) }
        return needed
    }

    /// The rows for `touched` and all their ancestors, from every review of the touched
    /// competencies (superseded ones included; new ones with their recording time) and the
    /// learner's stored states of ``statesNeeded(forRecomputing:)`` for everything else.
    func rows(learner: PersonID, reviewsOfTouched reviews: [Review], stored: [MasteryStateStore.Stored],
              touching touched: Set<CompetencyID>) -> [MasteryStateStore.Stored] {
        var targets = Set<CompetencyID>()
        for id in touched where catalog.graph.competency(id) != nil {
            targets.insert(id)
            targets.formUnion(catalog.graph.ancestors(of: id))
        }
        guard !targets.isEmpty else { return [] }
        var storedDirect: [CompetencyID: MasteryStateStore.Stored] = [:]
        var states: [CompetencyID: MasteryState] = [:]
        for row in stored where !row.isRollup {
            storedDirect[row.competencyID] = row
            states[row.competencyID] = MasteryState(
                learnerID: learner, competencyID: row.competencyID, score: row.score, level: row.level, status: row.status,
                firstMasteredAt: row.firstMasteredAt, contributingReviewCount: row.contributingReviewCount,
                latestReviewAt: row.latestReviewAt)
        }
        var byCompetency: [CompetencyID: [Review]] = [:]
        for review in reviews where review.learnerID == learner && touched.contains(review.competencyID) {
            byCompetency[review.competencyID, default: []].append(review)
        }
        var evaluated: [CompetencyID: MasteryState] = [:]
        for id in touched {
            guard let competency = catalog.graph.competency(id) else { continue }
            let state = MasteryEvaluation(learner: learner, competency: id, reviews: byCompetency[id] ?? [],
                                          method: catalog.method(for: competency), scale: catalog.scale(for: competency)).state
            evaluated[id] = state
            states[id] = state
        }
        var subtree = targets
        for id in targets { subtree.formUnion(catalog.graph.descendants(of: id)) }
        let progress = LearnerProgress(learner: learner, graph: catalog.graph, states: states, policies: catalog.policies,
                                       only: subtree)
        return targets.sorted().compactMap { id in
            guard let entry = progress.entries[id], let competency = catalog.graph.competency(id) else { return nil }
            if let rollup = entry.rollup {
                return MasteryStateStore.Stored(
                    competencyID: id, isRollup: true, status: rollup.status, score: nil, level: nil,
                    firstMasteredAt: rollup.firstMasteredAt, contributingReviewCount: 0, latestReviewAt: nil)
            }
            if evaluated[id] == nil, let row = storedDirect[id] { return row }
            let state = evaluated[id] ?? MasteryEvaluation(learner: learner, competency: id, reviews: [],
                                                           method: catalog.method(for: competency),
                                                           scale: catalog.scale(for: competency)).state
            return MasteryStateStore.Stored(
                competencyID: id, isRollup: false, status: state.status, score: state.score, level: state.level,
                firstMasteredAt: state.firstMasteredAt, contributingReviewCount: state.contributingReviewCount,
                latestReviewAt: state.latestReviewAt)
        }
    }

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
