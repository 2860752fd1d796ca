public import PathfolioCore
public import PathfolioPostgres

/// A framework's competencies as a tree (`GET /v1/frameworks/{id}/competencies?view=tree`):
/// the items directly under the document (or whose parents are not in the list) as roots,
/// each with its children ordered by the `isChildOf` sequence number, then package order.
///
/// CASE lets an item sit under several parents. It is expanded under the first of them met
/// (depth first, in order) and listed without children, `"expandedElsewhere": true`, under
/// the others, so the body grows with the number of items, never faster.
public struct CompetencyTreeRepresentation: Sendable, Encodable {
    /// One competency with its children.
    public struct Node: Sendable, Encodable {
        /// The competency (its members appear directly in the node).
        public let competency: CompetencyRepresentation
        /// Its children, in order.
        public let children: [Node]
        /// Whether its children are shown under another parent instead.
        public let expandedElsewhere: Bool

        private enum CodingKeys: String, CodingKey { case children, expandedElsewhere }

        /// The competency's members, then `children` (and `expandedElsewhere` when true).
        public func encode(to encoder: any Encoder) throws {
            try competency.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(children, forKey: .children)
            if expandedElsewhere { try container.encode(true, forKey: .expandedElsewhere) }
        }
    }

    /// The framework.
    public let frameworkId: String
    /// The top of the tree, in package order.
    public let roots: [Node]

    /// The tree of `entries` (a framework's competencies with their parents, in package order).
    public init(framework: FrameworkID, entries: [CompetencyEntry]) {
        frameworkId = framework.description
        var indexByID: [CompetencyID: Int] = [:]
        for (index, entry) in entries.enumerated() { indexByID[entry.competency.id] = index }
        var children = [[(index: Int, sequence: Int?)]](repeating: [], count: entries.count)
        var hasParent = [Bool](repeating: false, count: entries.count)
        for (index, entry) in entries.enumerated() {
            for parent in entry.parents {
                guard let parentIndex = indexByID[parent.id], parentIndex != index else { continue }
                children[parentIndex].append((index, parent.sequenceNumber))
                hasParent[index] = true
            }
        }
        let ordered = children.map { list in
            list.sorted { lhs, rhs in
                let left = lhs.sequence ?? Int.max, right = rhs.sequence ?? Int.max
                if left != right { return left < right }
                if entries[lhs.index].position != entries[rhs.index].position {
                    return entries[lhs.index].position < entries[rhs.index].position
                }
                return entries[lhs.index].competency.id < entries[rhs.index].competency.id
            }.map(\.index)
        }
        var expanded = [Bool](repeating: false, count: entries.count)
        func node(_ index: Int) -> Node {
            let representation = CompetencyRepresentation(entries[index])
            if expanded[index] { return Node(competency: representation, children: [], expandedElsewhere: true) }
            expanded[index] = true
            return Node(competency: representation, children: ordered[index].map(node), expandedElsewhere: false)
        }
        roots = entries.indices.filter { !hasParent[$0] }.map(node)
    }
}
