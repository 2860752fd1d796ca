public import Foundation

/// One learner's standing on every competency of a graph: direct ratings plus rollups to parents.
///
/// Parents are settled after their children (reverse topological order), so a rollup always
/// sees final child statuses; one pass, O(V + E).
public struct LearnerProgress: Sendable {
    /// The standing on one competency.
    public struct Entry: Sendable, Hashable {
        /// The competency.
        public let competencyID: CompetencyID
        /// Its status (direct, or rolled up).
        public let status: MasteryStatus
        /// The score, for a directly rated competency that has one.
        public let score: Score?
        /// The level of that score.
        public let level: ProficiencyScale.Level?
        /// When first mastered.
        public let firstMasteredAt: Date?
        /// The rollup's numbers, for a parent mastered through its children.
        public let rollup: Rollup.Outcome?
    }

    /// The learner.
    public let learnerID: PersonID
    /// Entries by competency (every competency of the graph has one).
    public let entries: [CompetencyID: Entry]

    /// Combines direct states with the rollups of `policies` (by framework; a framework without
    /// one uses the default policy). With `only`, just those competencies get an entry: the set
    /// must hold every descendant of each of its members (a rollup is made of its children's
    /// entries), e.g. what a review changes and everything under it — O(size of the set).
    public init(learner: PersonID, graph: CompetencyGraph, states: [CompetencyID: MasteryState],
                policies: [FrameworkID: MasteryPolicy], only subset: Set<CompetencyID>? = nil) {
        var byIndex = [Entry?](repeating: nil, count: graph.count)
        var nodes = graph.order
        if let subset {
            let included = subset.compactMap { graph.indexByID[$0] }
            nodes = included.sorted { graph.position[$0] < graph.position[$1] }
        }
        for node in nodes.reversed() {
            let competency = graph.competencies[node]
            let policy = policies[competency.frameworkID] ?? MasteryPolicy()
            let rollup = policy.rollup(for: competency.id)
            if !graph.children[node].isEmpty, rollup != .none {
                let children = graph.children[node].map { child in
                    // Settled before its parent (reverse topological order); absent only when
                    // `only` left it out, which its contract forbids: then it counts as not started.
                    guard let entry = byIndex[child] else {
                        return Rollup.Child(competencyID: graph.competencies[child].id, status: .notStarted, firstMasteredAt: nil)
                    }
                    return Rollup.Child(competencyID: entry.competencyID, status: entry.status,
                                        firstMasteredAt: entry.firstMasteredAt)
                }
                let outcome = rollup.evaluate(children: children)
                byIndex[node] = Entry(competencyID: competency.id, status: outcome.status, score: nil, level: nil,
                                      firstMasteredAt: outcome.firstMasteredAt, rollup: outcome)
            } else {
                let state = states[competency.id] ?? .notStarted(learner: learner, competency: competency.id)
                byIndex[node] = Entry(competencyID: competency.id, status: state.status, score: state.score,
                                      level: state.level, firstMasteredAt: state.firstMasteredAt, rollup: nil)
            }
        }
        var entries: [CompetencyID: Entry] = [:]
        entries.reserveCapacity(graph.count)
        for entry in byIndex { if let entry { entries[entry.competencyID] = entry } }
        self.learnerID = learner
        self.entries = entries
    }

    /// Evaluates a learner's reviews on every directly rated competency, then rolls up.
    /// - Parameter asOf: ignore reviews recorded after this instant.
    public init(learner: PersonID, graph: CompetencyGraph, frameworks: [FrameworkID: Framework],
                reviews: [Review], asOf: Date? = nil) {
        var byCompetency: [CompetencyID: [Review]] = [:]
        for review in reviews where review.learnerID == learner { byCompetency[review.competencyID, default: []].append(review) }
        var states: [CompetencyID: MasteryState] = [:]
        for (competencyID, own) in byCompetency {
            guard let competency = graph.competency(competencyID) else { continue }
            let framework = frameworks[competency.frameworkID]
            let evaluation = MasteryEvaluation(
                learner: learner, competency: competencyID, reviews: own,
                method: framework?.masteryPolicy.method(for: competencyID) ?? .default,
                scale: competency.scaleOverride ?? framework?.defaultScale ?? .fourPoint, asOf: asOf)
            states[competencyID] = evaluation.state
        }
        self.init(learner: learner, graph: graph, states: states,
                  policies: frameworks.mapValues(\.masteryPolicy))
    }

    /// The status of one competency (`notStarted` if unknown).
    public func status(of id: CompetencyID) -> MasteryStatus { entries[id]?.status ?? .notStarted }

    /// Every mastered competency.
    public var mastered: Set<CompetencyID> {
        Set(entries.values.lazy.filter { $0.status == .mastered }.map(\.competencyID))
    }
}
