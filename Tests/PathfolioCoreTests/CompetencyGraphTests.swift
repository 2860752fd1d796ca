import Foundation
import Testing
import PathfolioCore

@Suite("Competency graph: hierarchy, prerequisites, cycles")
struct CompetencyGraphTests {
    @Test func aPrecedesCycleIsRefusedWithTheCycleNamed() {
        let items = [competency(1, "A"), competency(2, "B"), competency(3, "C"), competency(4, "D")]
        let edges = [association(.precedes, 1, 2), association(.precedes, 2, 3), association(.precedes, 3, 1),
                     association(.precedes, 3, 4)]
        #expect(throws: CompetencyGraph.Invalid.self) { try CompetencyGraph(competencies: items, associations: edges) }
        do {
            _ = try CompetencyGraph(competencies: items, associations: edges)
        } catch {
            guard case .cycle(let codes) = error else { Issue.record("not a cycle"); return }
            // Some rotation of A → B → C → A, closed.
            #expect(codes.count == 4 && codes.first == codes.last)
            let rotations = [["A", "B", "C"], ["B", "C", "A"], ["C", "A", "B"]]
            #expect(rotations.contains(Array(codes.dropLast())))
        }
    }

    @Test func addingAnEdgeThatClosesACycleNamesItFromTheNewEdge() throws {
        let items = [competency(1, "A"), competency(2, "B"), competency(3, "C")]
        let graph = try CompetencyGraph(competencies: items, associations: [association(.precedes, 1, 2), association(.precedes, 2, 3)])
        #expect(throws: CompetencyGraph.Invalid.cycle(["C", "A", "B", "C"])) {
            try graph.adding(association(.precedes, 3, 1))
        }
        #expect(throws: CompetencyGraph.Invalid.cycle(["A", "A"])) {
            try graph.adding(association(.precedes, 1, 1))
        }
        let extended = try graph.adding(association(.precedes, 1, 3))
        #expect(extended.directPrerequisites(of: id(3)) == [id(2), id(1)])
        // Unrelated association types never create prerequisite cycles.
        _ = try graph.adding(association(.isRelatedTo, 3, 1))
    }

    @Test func precedingYourOwnAncestorIsACycle() throws {
        // S isChildOf P, and S precedes P: S would be its own (inherited) prerequisite.
        let items = [competency(1, "P"), competency(2, "S")]
        let graph = try CompetencyGraph(competencies: items, associations: [association(.isChildOf, 2, 1)])
        #expect(throws: CompetencyGraph.Invalid.cycle(["S", "P", "S"])) {
            try graph.adding(association(.precedes, 2, 1))
        }
    }

    @Test func hierarchyQueries() throws {
        // R ⊃ {A ⊃ {A1, A2}, B}
        let items = [competency(1, "R"), competency(2, "A"), competency(3, "A1"), competency(4, "A2"), competency(5, "B")]
        let graph = try CompetencyGraph(competencies: items, associations: [
            association(.isChildOf, 2, 1), association(.isChildOf, 3, 2), association(.isChildOf, 4, 2),
            association(.isChildOf, 5, 1),
        ])
        #expect(graph.ancestors(of: id(3)) == [id(2), id(1)])
        #expect(Set(graph.descendants(of: id(1))) == Set([id(2), id(3), id(4), id(5)] as [CompetencyID]))
        #expect(Set(graph.leaves(under: id(1))) == Set([id(3), id(4), id(5)] as [CompetencyID]))
        #expect(graph.leaves(under: id(5)) == [id(5)])
        #expect(graph.roots == [id(1)])
        #expect(graph.children(of: id(2)) == [id(3), id(4)])
        #expect(graph.parents(of: id(3)) == [id(2)])
    }

    @Test func topologicalOrderPutsPrerequisitesAndParentsFirst() throws {
        let items = (1...6).map { competency($0, "C\($0)") }
        let edges = [association(.precedes, 5, 3), association(.precedes, 3, 1), association(.isChildOf, 2, 1),
                     association(.precedes, 6, 4), association(.isChildOf, 4, 2)]
        let graph = try CompetencyGraph(competencies: items, associations: edges)
        let order = graph.topologicalOrder
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        #expect(order.count == 6)
        for edge in edges {
            let (before, after) = edge.type == .precedes ? (edge.origin, edge.destination) : (edge.destination, edge.origin)
            #expect(rank[before]! < rank[after]!)
        }
    }

    @Test func prerequisitesAreTransitiveAndInheritedDownTheHierarchy() throws {
        // X precedes Cluster; Cluster ⊃ S; W precedes X; Y precedes S; Cluster's parent Dom is not a prerequisite.
        let items = [competency(1, "Dom"), competency(2, "Cluster"), competency(3, "S"), competency(4, "X"),
                     competency(5, "W"), competency(6, "Y"), competency(7, "Z")]
        let graph = try CompetencyGraph(competencies: items, associations: [
            association(.isChildOf, 2, 1), association(.isChildOf, 3, 2), association(.precedes, 4, 2),
            association(.precedes, 5, 4), association(.precedes, 6, 3), association(.precedes, 7, 1),
        ])
        // Z precedes Dom → inherited by Cluster and S as well.
        #expect(Set(graph.prerequisites(of: id(3))) == Set([id(4), id(5), id(6), id(7)] as [CompetencyID]))
        #expect(Set(graph.prerequisites(of: id(2))) == Set([id(4), id(5), id(7)] as [CompetencyID]))
        #expect(graph.prerequisites(of: id(5)).isEmpty)
    }

    @Test func externalEndsAreKeptButNotIndexed() throws {
        let external: CompetencyID = id(999)
        let edge = Association(id: id(77), type: .precedes, origin: external, destination: id(1))
        let graph = try CompetencyGraph(competencies: [competency(1, "A")], associations: [edge])
        #expect(graph.associations == [edge])
        #expect(graph.directPrerequisites(of: id(1)).isEmpty)
    }

    @Test func associationTypesKeepCASEVocabularyAndUnknownStrings() throws {
        let names = ["isChildOf", "precedes", "isRelatedTo", "exactMatchOf", "isPartOf", "replacedBy", "exemplar",
                     "hasSkillLevel", "isPeerOf", "isTranslationOf"]
        #expect(AssociationType.caseTypes.map(\.rawValue) == names)
        for name in names { #expect(AssociationType(rawValue: name).rawValue == name) }
        #expect(AssociationType(rawValue: "ext:isCrossListedWith") == .extension("ext:isCrossListedWith"))
        #expect(AssociationType(rawValue: "isPrerequisiteOf") == .unrecognized("isPrerequisiteOf"))
        let json = try JSONEncoder().encode([AssociationType.extension("ext:x"), .unrecognized("weird"), .precedes])
        #expect(String(decoding: json, as: UTF8.self) == #"["ext:x","weird","precedes"]"#)
        #expect(try JSONDecoder().decode([AssociationType].self, from: json) == [.extension("ext:x"), .unrecognized("weird"), .precedes])
    }

    @Test func scalesRefuseWhatCannotBeAScale() {
        typealias Level = ProficiencyScale.Level
        #expect(throws: ProficiencyScale.Invalid.noLevels) { try ProficiencyScale(levels: [], masteryThreshold: 1) }
        #expect(throws: ProficiencyScale.Invalid.pointsNotIncreasing(1, after: 2)) {
            try ProficiencyScale(levels: [Level(label: "a", points: 2), Level(label: "b", points: 1)], masteryThreshold: 1)
        }
        #expect(throws: ProficiencyScale.Invalid.thresholdNotALevel(Score("2.5")!, allowed: [1, 2])) {
            try ProficiencyScale(levels: [Level(label: "a", points: 1), Level(label: "b", points: 2)], masteryThreshold: Score("2.5")!)
        }
        #expect(throws: ProficiencyScale.Invalid.negativePoints(Score(hundredths: -100))) {
            try ProficiencyScale(levels: [Level(label: "a", points: Score(hundredths: -100))], masteryThreshold: Score(hundredths: -100))
        }
    }

    @Test func aFiveThousandDeepChainDoesNotOverflowTheStack() throws {
        let items = (1...5000).map { competency($0, "K\($0)") }
        let edges = (1..<5000).map { association(.precedes, $0, $0 + 1) }
        let graph = try CompetencyGraph(competencies: items, associations: edges)
        #expect(graph.topologicalOrder.first == id(1))
        #expect(graph.prerequisites(of: id(5000)).count == 4999)
        #expect(throws: CompetencyGraph.Invalid.self) { try graph.adding(association(.precedes, 5000, 1)) }
    }
}
