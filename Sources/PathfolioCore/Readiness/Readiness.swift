/// "What next" and the gaps for one learner (SPEC §1.5), in O(V + E) per goal.
///
/// **Ready to learn**: a competency that is not mastered, not retired, rated directly (a leaf,
/// or a parent whose rollup is `none` — a parent with an `all`/`points` rollup is learned
/// through its children, so its children are offered instead), and all of whose prerequisites
/// are mastered, where prerequisites are those of ``CompetencyGraph/prerequisites(of:)``:
/// `precedes`, transitively, and *inherited down the hierarchy* (a prerequisite of an ancestor
/// is a prerequisite of every descendant).
///
/// **Ranking**: by the number of open goals (not dropped, not yet achieved) whose requirements
/// include the competency, most first; ties in topological order. A goal *requires* its
/// targets; a target mastered through rollup requires its children (recursively); and anything
/// required requires its prerequisites.
///
/// **Gaps**: for each open goal, the unmastered competencies it requires *as prerequisites*
/// (not its targets or their children), in topological order, each marked ready or not.
public struct Readiness: Sendable {
    /// A competency ready to learn.
    public struct ReadyCompetency: Sendable, Hashable {
        /// The competency.
        public let competencyID: CompetencyID
        /// Its code.
        public let code: String
        /// Open goals whose requirements include it.
        public let goalIDs: [GoalID]
        /// How many goals it unblocks (the ranking key).
        public var goalsUnblocked: Int { goalIDs.count }
    }

    /// An unmastered prerequisite blocking a goal.
    public struct Gap: Sendable, Hashable {
        /// The goal blocked.
        public let goalID: GoalID
        /// The unmastered prerequisite.
        public let competencyID: CompetencyID
        /// Its code.
        public let code: String
        /// Whether it can be learned right now.
        public let isReady: Bool
    }

    /// Ready competencies, best first.
    public let ready: [ReadyCompetency]
    /// Gaps, goal by goal.
    public let gaps: [Gap]

    /// Computes readiness.
    /// - Parameters:
    ///   - mastered: the learner's mastered competencies (after rollup; see ``LearnerProgress/mastered``).
    ///   - goals: the learner's goals (dropped ones are ignored).
    ///   - policies: rollups by framework (default: `all`).
    public init(graph: CompetencyGraph, mastered: Set<CompetencyID>, goals: [Goal],
                policies: [FrameworkID: MasteryPolicy] = [:]) {
        let count = graph.count
        var isMastered = [Bool](repeating: false, count: count)
        for id in mastered { if let index = graph.indexByID[id] { isMastered[index] = true } }
        var isComposite = [Bool](repeating: false, count: count)
        for node in 0..<count where !graph.children[node].isEmpty {
            let competency = graph.competencies[node]
            isComposite[node] = (policies[competency.frameworkID] ?? MasteryPolicy()).rollup(for: competency.id) != .none
        }
        // blocked[v]: some prerequisite of v is unmastered. In topological order every
        // predecessor is settled first (see CompetencyGraph.prerequisites(of:) for why this
        // recursion gives exactly the transitive, inherited prerequisites).
        var blocked = [Bool](repeating: false, count: count)
        for node in graph.order {
            var isBlocked = false
            for before in graph.prerequisites[node] where !isMastered[before] || blocked[before] {
                isBlocked = true
                break
            }
            if !isBlocked {
                for parent in graph.parents[node] where blocked[parent] {
                    isBlocked = true
                    break
                }
            }
            blocked[node] = isBlocked
        }
        var isReady = [Bool](repeating: false, count: count)
        for node in 0..<count {
            isReady[node] = !isMastered[node] && !blocked[node] && !isComposite[node] && !graph.competencies[node].isRetired
        }

        var goalsByNode: [Int: [GoalID]] = [:]
        var gaps: [Gap] = []
        for goal in goals where !goal.isDropped {
            let targets = goal.targets.compactMap { graph.indexByID[$0] }
            if targets.allSatisfy({ isMastered[$0] }) { continue }
            let required = Readiness.requirements(of: targets, in: graph, composite: isComposite)
            let targetSet = Set(targets)
            for node in required.nodes { goalsByNode[node, default: []].append(goal.id) }
            for node in required.nodes.sorted(by: { graph.position[$0] < graph.position[$1] })
            where required.asPrerequisite[node] && !isMastered[node] && !targetSet.contains(node) {
                gaps.append(Gap(goalID: goal.id, competencyID: graph.competencies[node].id,
                                code: graph.competencies[node].code, isReady: isReady[node]))
            }
        }
        let readyNodes = graph.order.filter { isReady[$0] }
        let ranked = readyNodes.enumerated().sorted { lhs, rhs in
            let l = goalsByNode[lhs.element]?.count ?? 0
            let r = goalsByNode[rhs.element]?.count ?? 0
            return l != r ? l > r : lhs.offset < rhs.offset
        }
        ready = ranked.map { _, node in
            ReadyCompetency(competencyID: graph.competencies[node].id, code: graph.competencies[node].code,
                            goalIDs: goalsByNode[node] ?? [])
        }
        self.gaps = gaps
    }

    /// The competencies a goal's targets require, and which of them were reached as prerequisites.
    static func requirements(of targets: [Int], in graph: CompetencyGraph, composite: [Bool])
        -> (nodes: [Int], asPrerequisite: [Bool])
    {
        // Two visit kinds: "required" (must be mastered) and "context" (its prerequisites are
        // required, because they are inherited by everything below it). Flag arrays, not sets:
        // this runs once per goal over up to the whole graph.
        var required = [Bool](repeating: false, count: graph.count)
        var context = [Bool](repeating: false, count: graph.count)
        var asPrerequisite = [Bool](repeating: false, count: graph.count)
        var work: [(node: Int, isRequired: Bool, viaPrerequisite: Bool)] = targets.map { ($0, true, false) }
        var nodes: [Int] = []
        while let (node, isRequired, viaPrerequisite) = work.popLast() {
            if isRequired {
                if viaPrerequisite { asPrerequisite[node] = true }
                guard !required[node] else { continue }
                required[node] = true
                nodes.append(node)
                if composite[node] {
                    for child in graph.children[node] { work.append((child, true, viaPrerequisite)) }
                }
                work.append((node, false, viaPrerequisite))
            } else {
                guard !context[node] else { continue }
                context[node] = true
                for before in graph.prerequisites[node] { work.append((before, true, true)) }
                for parent in graph.parents[node] { work.append((parent, false, viaPrerequisite)) }
            }
        }
        return (nodes, asPrerequisite)
    }
}
