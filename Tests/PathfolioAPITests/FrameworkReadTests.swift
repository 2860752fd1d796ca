import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioInterop
import PathfolioPostgres
import Testing

@Suite("Reading stored frameworks: lists, trees, details, policies and their JSON")
struct FrameworkReadTests {
    static func json(_ value: some Encodable) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try #require(try JSONSerialization.jsonObject(with: encoder.encode(value)) as? [String: Any])
    }

    /// Whether `text` is an RFC 3339 UTC instant as the API writes them.
    static func isRFC3339(_ text: Any?) -> Bool {
        (text as? String)?.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z/#) != nil
    }

    @Test("the framework list pages by title with a key to continue after; each framework's JSON")
    func frameworkList() async throws {
        let school = try await FrameworkTestInstitution.make()
        let files = ["act-holistic-framework-math-excerpt.json", "opensalt-sample-what-standards-could-be-2017-legacy.json",
                     "sbac-ela-grade-3-claim-1-target-1-item-spec.json"]
        var items: [FrameworkID: Int] = [:]
        for file in files {
            let result = try await school.importPackage(try CASEFixtures.bytes(file))
            items[result.frameworkID] = result.items.created
        }
        let (first, second) = try await school.transaction { connection in
            let first = try await school.store.frameworks(after: nil, limit: 2, on: connection)
            return (first, try await school.store.frameworks(after: first.next, limit: 2, on: connection))
        }
        #expect(first.items.count == 2)
        let key = try #require(first.next)
        #expect(FrameworkListKey(components: key.components) == key)
        #expect(second.items.count == 1)
        #expect(second.next == nil)
        let all = first.items + second.items
        let titles = all.map(\.framework.title)
        #expect(titles == titles.sorted())
        #expect(Set(all.map(\.framework.id)) == Set(items.keys))
        for summary in all {
            #expect(summary.competencyCount == items[summary.framework.id])
            #expect(summary.retiredCompetencyCount == 0)
            #expect(summary.policyEffectiveFrom == nil)
        }

        let object = try Self.json(FrameworkRepresentation(all[0]))
        #expect(object["id"] as? String == all[0].framework.id.description)
        #expect(Self.isRFC3339(object["lastChangedAt"]))
        #expect(Self.isRFC3339(object["createdAt"]))
        #expect(object["competencyCount"] as? Int == all[0].competencyCount)
        #expect((object["masteryPolicy"] as? [String: Any])?["method"] as? String == "highest")
        #expect((object["defaultScale"] as? [String: Any])?["masteryThreshold"] as? String == "3.00")
        #expect(object["policyEffectiveFrom"] == nil)
    }

    @Test("a framework's competencies: flat pages in package order, the whole list, and the tree")
    func competencies() async throws {
        let school = try await FrameworkTestInstitution.make()
        let result = try await school.importPackage(try CASEFixtures.bytes("sbac-math-grades-3-5-claim-2-item-spec.json"))
        let framework = result.frameworkID
        let (pages, all) = try await school.transaction { connection in
            var pages: [KeysetPage<CompetencyEntry, CompetencyListKey>] = []
            var after: CompetencyListKey?
            repeat {
                let page = try await school.store.competencies(of: framework, after: after, limit: 50, includeRetired: false,
                                                               on: connection)
                pages.append(page)
                after = page.next
            } while after != nil
            return (pages, try await school.store.allCompetencies(of: framework, includeRetired: false, on: connection))
        }
        #expect(pages.count == 7)   // 305 items, 50 a page
        let paged = pages.flatMap(\.items)
        #expect(paged.map(\.competency.id) == all.map(\.competency.id))
        #expect(all.count == result.items.created)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.position < $1.position })
        let ids = Set(all.map(\.competency.id))
        #expect(all.allSatisfy { $0.parents.allSatisfy { ids.contains($0.id) } })
        #expect(all.contains { !$0.parents.isEmpty })

        let tree = CompetencyTreeRepresentation(framework: framework, entries: all)
        func walk(_ nodes: [CompetencyTreeRepresentation.Node], parent: String?) -> Int {
            nodes.reduce(0) { count, node in
                if let parent { #expect(node.competency.parentIds.contains(parent)) }
                return count + (node.expandedElsewhere ? 0 : 1) + walk(node.children, parent: node.competency.id)
            }
        }
        #expect(walk(tree.roots, parent: nil) == all.count)   // every competency expanded exactly once
        #expect(tree.roots.allSatisfy { $0.competency.parentIds.isEmpty })
        let object = try Self.json(tree)
        let root = try #require((object["roots"] as? [[String: Any]])?.first)
        #expect(root["fullStatement"] is String)
        #expect(root["children"] is [Any])

        let flat = try Self.json(CompetencyRepresentation(all[0]))
        #expect(flat["frameworkId"] as? String == framework.description)
        #expect(flat["retired"] as? Bool == false)
        #expect(flat["position"] as? Int == 0)
    }

    @Test("one competency: its framework, parents (a competency or the document), prerequisites and dependents")
    func competencyDetail() async throws {
        let school = try await FrameworkTestInstitution.make()
        let bytes = try CASEFixtures.bytes("opensalt-sample-what-standards-could-be-2017-legacy.json")
        let model = try CASEPackageReader(institutionID: school.institution).read(bytes)
        _ = try await school.importPackage(bytes)
        let items = Set(model.items.map(\.competency.id))
        let precedes = try #require(model.coreAssociations.first {
            $0.type == .precedes && items.contains($0.origin) && items.contains($0.destination)
        })
        let topLevel = try #require(model.coreAssociations.first {
            $0.type == .isChildOf && $0.destination.uuid == model.framework.id.uuid
        })
        let (later, earlier, top) = try await school.transaction { connection in
            (try await school.store.competency(precedes.destination, on: connection),
             try await school.store.competency(precedes.origin, on: connection),
             try await school.store.competency(topLevel.origin, on: connection))
        }
        let destination = try #require(later)
        #expect(destination.frameworkTitle == model.framework.title)
        #expect(destination.prerequisites.contains {
            if case .competency(let linked) = $0.node { return linked.id == precedes.origin } else { return false }
        })
        #expect(try #require(earlier).dependents.contains { $0.associationID == precedes.id })
        #expect(try #require(top).parents.contains {
            if case .framework(let id, _) = $0.node { return id == model.framework.id } else { return false }
        })

        let object = try Self.json(CompetencyDetailRepresentation(destination))
        #expect(object["id"] as? String == precedes.destination.description)
        #expect((object["framework"] as? [String: Any])?["title"] as? String == model.framework.title)
        let prerequisite = try #require((object["prerequisites"] as? [[String: Any]])?.first)
        #expect(prerequisite["associationType"] as? String == "precedes")
        #expect(prerequisite["direction"] as? String == "incoming")
        #expect((prerequisite["node"] as? [String: Any])?["kind"] as? String == "competency")
        #expect(object["related"] is [Any] && object["children"] is [Any] && object["dependents"] is [Any])
    }

    @Test("policies: the latest effective one is in force, history newest first, imports keep it, unknown people refused")
    func policies() async throws {
        let school = try await FrameworkTestInstitution.make()
        let bytes = try CASEFixtures.bytes("act-holistic-framework-math-excerpt.json")
        let result = try await school.importPackage(bytes)
        let framework = result.frameworkID
        let model = try CASEPackageReader(institutionID: school.institution).read(bytes)
        let child = model.items[1].competency.id, parent = model.items[0].competency.id
        let now = Date()
        let current = MasteryPolicy(
            method: .nMastery(2), methodOverrides: [child: .latest],
            rollups: [parent: .points(required: 2, weights: [child: Score(hundredths: 150)])], defaultRollup: .none)
        let scheduled = MasteryPolicy(method: .decayingAverage(percent: 65))

        let (saved, summary, history, future, past) = try await school.transaction { connection in
            let store = school.store
            let saved = try await store.savePolicy(current, of: framework, effectiveFrom: now.addingTimeInterval(-3600),
                                                   changedBy: school.admin, at: now, on: connection)
            _ = try await store.savePolicy(scheduled, of: framework, effectiveFrom: now.addingTimeInterval(86_400),
                                           changedBy: school.admin, at: now, on: connection)
            return (saved, try await store.framework(framework, on: connection), try await store.policyHistory(of: framework, on: connection),
                    try await store.catalog(policiesAsOf: now.addingTimeInterval(2 * 86_400), on: connection),
                    try await store.catalog(policiesAsOf: now.addingTimeInterval(-7200), on: connection))
        }
        #expect(saved.policy == current)
        #expect(summary?.framework.masteryPolicy == current)
        #expect(summary?.policyEffectiveFrom.map { abs($0.timeIntervalSince(now.addingTimeInterval(-3600))) < 0.001 } == true)
        #expect(history.map(\.policy) == [scheduled, current])
        #expect(history.allSatisfy { $0.changedBy == school.admin && $0.frameworkID == framework })
        #expect(future.frameworks.first?.masteryPolicy == scheduled)
        #expect(past.frameworks.first?.masteryPolicy == MasteryPolicy())

        let object = try Self.json(MasteryPolicyRepresentation(current))
        #expect(object["method"] as? String == "n_mastery" && object["parameter"] as? Int == 2)
        #expect((object["methodOverrides"] as? [[String: Any]])?.first?["method"] as? String == "latest")
        let rollup = try #require((object["rollups"] as? [[String: Any]])?.first?["rollup"] as? [String: Any])
        #expect(rollup["kind"] as? String == "points" && rollup["requiredPoints"] as? String == "2.00")
        #expect((object["defaultRollup"] as? [String: Any])?["kind"] as? String == "none")

        // A re-import keeps the policy; an unknown person cannot set one.
        _ = try await school.importPackage(bytes)
        let again = try await school.transaction { try await school.store.framework(framework, on: $0) }
        #expect(again?.framework.masteryPolicy == current)
        await #expect {
            try await school.transaction { connection in
                _ = try await school.store.savePolicy(current, of: framework, effectiveFrom: now, changedBy: PersonID(UUID()),
                                                      at: now, on: connection)
            }
        } throws: { ($0 as? PostgresError)?.sqlState == .foreignKeyViolation }
    }

    @Test("the import result's JSON: frameworkId, counts and warnings with pointers")
    func importResultJSON() async throws {
        let school = try await FrameworkTestInstitution.make()
        let result = try await school.importPackage(try CASEFixtures.bytes("opensalt-sample-what-standards-could-be-2017-legacy.json"))
        let object = try Self.json(result)
        #expect(object["frameworkId"] as? String == result.frameworkID.description)
        #expect(object["document"] as? String == "created")
        #expect((object["items"] as? [String: Any])?["created"] as? Int == 16)
        #expect((object["associations"] as? [String: Any])?["retired"] as? Int == 0)
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.count == 22)
        #expect(warnings.contains { $0["pointer"] as? String == "/CFItems/0/educationalLevel" })
        let audit = try await school.transaction { connection in
            try await connection.query("SELECT actor_id, target_id, details->>'warnings' FROM audit_log WHERE action = 'framework.import'")
        }
        #expect(audit.count == 1)
        #expect(try audit[0].decode(PersonID?.self, at: 0) == school.admin)
        #expect(try audit[0].decode(FrameworkID?.self, at: 1) == result.frameworkID)
        #expect(try audit[0].decode(String.self, at: 2) == "22")
    }
}
