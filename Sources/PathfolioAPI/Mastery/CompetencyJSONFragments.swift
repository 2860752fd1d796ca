import PathfolioCore
import Synchronization

/// The members of a competency's mastery state that come from the catalog (`code`,
/// `competencyId`, `frameworkId`, `statement`), written once per catalog: a progress document
/// repeats them for every competency on every request, and escaping statements was most of
/// the writing. Built on first use, for every competency of the graph at once.
final class CompetencyJSONFragments: Sendable {
    struct Fragment: Sendable {
        /// `"code":…,"competencyId":…` (code only when the competency has one).
        let head: [UInt8]
        /// `"frameworkId":…`
        let framework: [UInt8]
        /// `"statement":…`
        let statement: [UInt8]
    }

    private let built = Mutex<[CompetencyID: Fragment]?>(nil)

    /// Every competency's fragment, for `graph` (the catalog's). Ask once per document: every
    /// request's threads share this lock.
    func all(for graph: CompetencyGraph) -> [CompetencyID: Fragment] {
        built.withLock { built in
            if let built { return built }
            let fresh = Self.build(graph)
            built = fresh
            return fresh
        }
    }

    private static func build(_ graph: CompetencyGraph) -> [CompetencyID: Fragment] {
        var fragments: [CompetencyID: Fragment] = [:]
        fragments.reserveCapacity(graph.count)
        for competency in graph.competencies {
            fragments[competency.id] = Fragment(
                head: JSONWriter.members { json in
                    if let code = competency.humanCodingScheme { json.key("code"); json.string(code) }
                    json.key("competencyId"); json.id(competency.id)
                },
                framework: JSONWriter.members { json in json.key("frameworkId"); json.id(competency.frameworkID) },
                statement: JSONWriter.members { json in json.key("statement"); json.string(competency.fullStatement) })
        }
        return fragments
    }
}
