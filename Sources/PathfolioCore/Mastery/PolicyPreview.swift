public import Foundation

/// The effect of a policy change on a cohort, computed before it is applied (SPEC §1.4):
/// which learners' statuses change, from what to what.
public struct PolicyPreview: Sendable, Equatable {
    /// One (learner, competency) whose status or score would change.
    public struct Change: Sendable, Hashable {
        /// The learner.
        public let learnerID: PersonID
        /// The competency.
        public let competencyID: CompetencyID
        /// Status under the current policy.
        public let currentStatus: MasteryStatus
        /// Status under the proposed policy.
        public let proposedStatus: MasteryStatus
        /// Score under the current policy.
        public let currentScore: Score?
        /// Score under the proposed policy.
        public let proposedScore: Score?
    }

    /// Learners evaluated.
    public let learnersEvaluated: Int
    /// Learners with at least one status change.
    public let learnersWithStatusChanges: Int
    /// Every status change, ordered by learner then competency.
    public let statusChanges: [Change]
    /// Changes of score that leave the status alone (shown, but not counted as affecting a learner).
    public let scoreOnlyChanges: [Change]

    /// Compares `current` with `proposed` over every learner's reviews (learners with no review
    /// still count as evaluated). Parents are compared after rollup, so a rollup change shows too.
    public init(graph: CompetencyGraph, framework: Framework, proposed: MasteryPolicy,
                cohort: [PersonID], reviews: [Review], asOf: Date? = nil) {
        var proposedFramework = framework
        proposedFramework.masteryPolicy = proposed
        var byLearner: [PersonID: [Review]] = [:]
        for review in reviews { byLearner[review.learnerID, default: []].append(review) }
        var statusChanges: [Change] = []
        var scoreOnly: [Change] = []
        var affected = 0
        for learner in cohort.sorted() {
            let own = byLearner[learner] ?? []
            let before = LearnerProgress(learner: learner, graph: graph, frameworks: [framework.id: framework],
                                         reviews: own, asOf: asOf)
            let after = LearnerProgress(learner: learner, graph: graph, frameworks: [framework.id: proposedFramework],
                                        reviews: own, asOf: asOf)
            var changedStatus = false
            for id in graph.topologicalOrder where graph.competency(id)?.frameworkID == framework.id {
                guard let old = before.entries[id], let new = after.entries[id] else { continue }
                let change = Change(learnerID: learner, competencyID: id, currentStatus: old.status,
                                    proposedStatus: new.status, currentScore: old.score, proposedScore: new.score)
                if old.status != new.status {
                    statusChanges.append(change)
                    changedStatus = true
                } else if old.score != new.score {
                    scoreOnly.append(change)
                }
            }
            if changedStatus { affected += 1 }
        }
        learnersEvaluated = cohort.count
        learnersWithStatusChanges = affected
        self.statusChanges = statusChanges
        scoreOnlyChanges = scoreOnly
    }
}
