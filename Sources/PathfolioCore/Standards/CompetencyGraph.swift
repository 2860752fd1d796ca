/// The competencies an institution holds and the two associations that shape learning:
/// the hierarchy (`isChildOf`) and prerequisites (`precedes`), indexed for fast queries.
///
/// **The readiness relation.** Its edges are `u → v` for "u precedes v" and `p → c` for
/// "c isChildOf p". The graph of both kinds together must be acyclic, which covers a
/// `precedes` cycle, a hierarchy cycle, and a competency that precedes its own ancestor (it
/// would then be its own prerequisite, see ``prerequisites(of:)``). Building or extending a
/// graph that would close a cycle throws ``Invalid/cycle(_:)`` naming it.
///
/// Every query is O(V + E) or better: arrays of integer indexes, no pairwise scans, and no
/// recursion (a 10,000-deep chain must not overflow the stack).
public struct CompetencyGraph: Sendable {
    /// Why a graph was refused.
    public enum Invalid: Error, Sendable, Equatable {
        /// The associations close a cycle; the codes run along it and repeat the first at the
        /// end, e.g. `["A.1", "A.2", "A.3", "A.1"]` for A.1 → A.2 → A.3 → A.1.
        case cycle([String])
    }

    public let competencies: [Competency]
    let indexByID: [CompetencyID: Int]
    /// `parents[c]`: the competencies `c` isChildOf.
    let parents: [[Int]]
    let children: [[Int]]
    /// `prerequisites[v]`: the competencies that directly precede `v`.
    let prerequisites: [[Int]]
    let dependents: [[Int]]
    /// Topological order of the readiness relation: prerequisites and parents first.
    let order: [Int]
    /// `position[c]`: where `c` sits in `order`.
    let position: [Int]
    /// Every association given, including kinds and ends the graph does not index.
    public let associations: [Association]

    /// Indexes `competencies` and `associations`; associations with an unknown end (an external
    /// node not yet imported) are kept in ``associations`` but not indexed.
    public init(competencies: [Competency], associations: [Association]) throws(Invalid) {
        var indexByID: [CompetencyID: Int] = [:]
        indexByID.reserveCapacity(competencies.count)
        var unique: [Competency] = []
        unique.reserveCapacity(competencies.count)
        for competency in competencies {
            // A repeated identifier: the last one wins, as the CASE importer does.
            if let existing = indexByID[competency.id] {
                unique[existing] = competency
            } else {
                indexByID[competency.id] = unique.count
                unique.append(competency)
            }
        }
        let count = unique.count
        var parents = [[Int]](repeating: [], count: count)
        var children = [[Int]](repeating: [], count: count)
        var prerequisites = [[Int]](repeating: [], count: count)
        var dependents = [[Int]](repeating: [], count: count)
        for association in associations {
            guard let origin = indexByID[association.origin],
                  let destination = indexByID[association.destination] else { continue }
            switch association.type {
            case .isChildOf:
                parents[origin].append(destination)
                children[destination].append(origin)
            case .precedes:
                dependents[origin].append(destination)
                prerequisites[destination].append(origin)
            default:
                continue
            }
        }
        // Kahn's algorithm over the readiness relation.
        var inDegree = [Int](repeating: 0, count: count)
        for node in 0..<count { inDegree[node] = parents[node].count + prerequisites[node].count }
        var order: [Int] = []
        order.reserveCapacity(count)
        for node in 0..<count where inDegree[node] == 0 { order.append(node) }
        var head = 0
        while head < order.count {
            let node = order[head]
            head += 1
            for next in dependents[node] {
                inDegree[next] -= 1
                if inDegree[next] == 0 { order.append(next) }
            }
            for next in children[node] {
                inDegree[next] -= 1
                if inDegree[next] == 0 { order.append(next) }
            }
        }
        if order.count < count {
            // Every node left over still has a predecessor that is left over, so walking
            // predecessors from any of them must come back to a node already seen: a cycle.
            let start = (0..<count).first { inDegree[$0] > 0 }!
            var seenAt: [Int: Int] = [:]
            var walk: [Int] = []
            var node = start
            while seenAt[node] == nil {
                seenAt[node] = walk.count
                walk.append(node)
                node = (prerequisites[node] + parents[node]).first { inDegree[$0] > 0 }!
            }
            // The walk went backwards along edges; reverse it to read the cycle forwards.
            let loop = Array(walk[seenAt[node]!...].reversed())
            throw .cycle((loop + [loop[0]]).map { unique[$0].code })
        }
        var position = [Int](repeating: 0, count: count)
        for (rank, node) in order.enumerated() { position[node] = rank }
        self.competencies = unique
        self.indexByID = indexByID
        self.parents = parents
        self.children = children
        self.prerequisites = prerequisites
        self.dependents = dependents
        self.order = order
        self.position = position
        self.associations = associations
    }

    /// The graph with one more association, refused with the cycle named when it would close one.
    ///
    /// The cycle starts at the new edge's tail: for a new `A precedes B` it reads
    /// `[A, B, …, A]`; for `C isChildOf P` (edge P → C) it reads `[P, C, …, P]`.
    public func adding(_ association: Association) throws(Invalid) -> CompetencyGraph {
        if let origin = indexByID[association.origin], let destination = indexByID[association.destination] {
            let edge: (tail: Int, head: Int)? = switch association.type {
            case .precedes: (origin, destination)
            case .isChildOf: (destination, origin)
            default: nil
            }
            if let edge, let path = path(from: edge.head, to: edge.tail) {
                throw .cycle(([edge.tail] + path).map { competencies[$0].code })
            }
        }
        return try CompetencyGraph(competencies: competencies, associations: associations + [association])
    }

    /// A shortest path along the readiness relation, both ends included, or `nil`.
    private func path(from start: Int, to goal: Int) -> [Int]? {
        var cameFrom = [Int](repeating: -1, count: competencies.count)
        cameFrom[start] = start
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            if node == goal {
                var path = [goal]
                var step = goal
                while step != start {
                    step = cameFrom[step]
                    path.append(step)
                }
                return path.reversed()
            }
            for next in dependents[node] + children[node] where cameFrom[next] == -1 {
                cameFrom[next] = node
                queue.append(next)
            }
        }
        return nil
    }

    // MARK: Lookup

    /// Number of competencies indexed.
    public var count: Int { competencies.count }

    /// The competency with this id, if indexed.
    public func competency(_ id: CompetencyID) -> Competency? {
        indexByID[id].map { competencies[$0] }
    }

    /// Every competency in topological order: each after its prerequisites and its ancestors.
    public var topologicalOrder: [CompetencyID] { order.map { competencies[$0].id } }

    // MARK: Hierarchy

    /// Direct parents (a CASE item may sit in more than one hierarchy).
    public func parents(of id: CompetencyID) -> [CompetencyID] { ids(parents, of: id) }

    /// Direct children.
    public func children(of id: CompetencyID) -> [CompetencyID] { ids(children, of: id) }

    /// Direct prerequisites (`precedes` origins), not transitive.
    public func directPrerequisites(of id: CompetencyID) -> [CompetencyID] { ids(prerequisites, of: id) }

    /// Every ancestor, nearest first (breadth-first).
    public func ancestors(of id: CompetencyID) -> [CompetencyID] { reach(from: id, along: parents) }

    /// Every descendant, nearest first (breadth-first).
    public func descendants(of id: CompetencyID) -> [CompetencyID] { reach(from: id, along: children) }

    /// Descendants with no children (the competency itself when it has none).
    public func leaves(under id: CompetencyID) -> [CompetencyID] {
        guard let start = indexByID[id] else { return [] }
        if children[start].isEmpty { return [id] }
        return descendants(of: id).filter { children[indexByID[$0]!].isEmpty }
    }

    /// Competencies with no parent, in topological order.
    public var roots: [CompetencyID] {
        order.filter { parents[$0].isEmpty }.map { competencies[$0].id }
    }

    /// Whether the competency has children.
    public func hasChildren(_ id: CompetencyID) -> Bool {
        indexByID[id].map { !children[$0].isEmpty } ?? false
    }

    // MARK: Prerequisites

    /// Every competency that must be mastered before `id` is ready to learn.
    ///
    /// **Through the hierarchy** means: *a prerequisite of an ancestor is a prerequisite of its
    /// descendants* (to start anything in cluster X you need what X needs), and prerequisites
    /// are transitive. Precisely: `u` is a prerequisite of `v` when some path of the readiness
    /// relation runs from `u` to `v` and its first edge is a `precedes` edge. A parent is not a
    /// prerequisite of its children; a parent whose rollup is `all` or `points` is mastered
    /// *through* its children instead (see ``Readiness``).
    public func prerequisites(of id: CompetencyID) -> [CompetencyID] {
        guard let start = indexByID[id] else { return [] }
        // Everything that reaches `id` backwards along both edge kinds…
        var reached = [Bool](repeating: false, count: competencies.count)
        reached[start] = true
        var queue = [start]
        var head = 0
        var found = [Bool](repeating: false, count: competencies.count)
        while head < queue.count {
            let node = queue[head]
            head += 1
            // …contributes its `precedes` origins as prerequisites.
            for before in prerequisites[node] {
                found[before] = true
                if !reached[before] { reached[before] = true; queue.append(before) }
            }
            for parent in parents[node] where !reached[parent] {
                reached[parent] = true
                queue.append(parent)
            }
        }
        return order.filter { found[$0] }.map { competencies[$0].id }
    }

    private func ids(_ adjacency: [[Int]], of id: CompetencyID) -> [CompetencyID] {
        guard let index = indexByID[id] else { return [] }
        return adjacency[index].map { competencies[$0].id }
    }

    private func reach(from id: CompetencyID, along adjacency: [[Int]]) -> [CompetencyID] {
        guard let start = indexByID[id] else { return [] }
        var seen = Set<Int>([start])
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in adjacency[node] where seen.insert(next).inserted { queue.append(next) }
        }
        return queue.dropFirst().map { competencies[$0].id }
    }
}
