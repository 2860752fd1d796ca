import Foundation
import Testing
import PathfolioCore

/// Graph used below (→ is precedes, ⊃ is the hierarchy, rollup `all`):
///
///     A → B → G1            Cl ⊃ {S1, S2}      E → Cl
///     A → C                 D → S2
///
/// Goals: g1 targets G1; g2 targets Cl; g3 targets C.
@Suite("What next and gaps")
struct ReadinessTests {
    static let codes = [1: "A", 2: "B", 3: "C", 4: "G1", 5: "Cl", 6: "S1", 7: "S2", 8: "D", 9: "E"]

    func graph() throws -> CompetencyGraph {
        try CompetencyGraph(competencies: ReadinessTests.codes.sorted { $0.key < $1.key }.map { competency($0.key, $0.value) },
                            associations: [
            association(.precedes, 1, 2), association(.precedes, 2, 4), association(.precedes, 1, 3),
            association(.isChildOf, 6, 5), association(.isChildOf, 7, 5), association(.precedes, 8, 7),
            association(.precedes, 9, 5),
        ])
    }

    func goal(_ n: Int, _ targets: [Int]) throws -> Goal {
        try Goal(id: id(n), statement: "g\(n)", kind: .academic, targets: targets.map { id($0) }, dueDate: day("2026-06-01"),
                 approval: .approved(by: id(50)))
    }

    func codes(_ ready: [Readiness.ReadyCompetency]) -> [String] { ready.map(\.code) }

    @Test func nothingMasteredOffersOnlyUnblockedLeavesRankedByGoals() throws {
        let readiness = Readiness(graph: try graph(), mastered: [],
                                  goals: [try goal(61, [4]), try goal(62, [5]), try goal(63, [3])])
        // A unblocks g1 (via B) and g3; D and E unblock g2; S1 is blocked by E (inherited from Cl).
        #expect(codes(readiness.ready) == ["A", "D", "E"])
        #expect(readiness.ready.map(\.goalsUnblocked) == [2, 1, 1])
        #expect(readiness.ready[0].goalIDs.sorted() == [id(61), id(63)])
    }

    @Test func masteringPrerequisitesOpensTheNextOnes() throws {
        let readiness = Readiness(graph: try graph(), mastered: [id(1), id(9)],
                                  goals: [try goal(61, [4]), try goal(62, [5])])
        // B, C free after A; S1 free after E (inherited); S2 still needs D. Cl is composite → never offered.
        #expect(Set(codes(readiness.ready)) == ["B", "C", "S1", "D"])
        #expect(!codes(readiness.ready).contains("Cl"))
        #expect(!codes(readiness.ready).contains("S2"))
        #expect(readiness.ready.first(where: { $0.code == "C" })?.goalsUnblocked == 0)
        #expect(codes(readiness.ready).last == "C")
    }

    @Test func gapsAreTheUnmasteredPrerequisitesOfEachGoal() throws {
        let readiness = Readiness(graph: try graph(), mastered: [id(1)],
                                  goals: [try goal(61, [4]), try goal(62, [5])])
        let g1 = readiness.gaps.filter { $0.goalID == id(61) }
        #expect(g1.map(\.code) == ["B"])
        #expect(g1.map(\.isReady) == [true])
        let g2 = readiness.gaps.filter { $0.goalID == id(62) }
        #expect(Set(g2.map(\.code)) == ["D", "E"])  // S1, S2 are the target's own children, not gaps
    }

    @Test func achievedAndDroppedGoalsRankNothing() throws {
        var dropped = try goal(61, [4])
        dropped.isDropped = true
        let readiness = Readiness(graph: try graph(), mastered: [id(3)], goals: [dropped, try goal(63, [3])])
        #expect(readiness.ready.allSatisfy { $0.goalsUnblocked == 0 })
        #expect(readiness.gaps.isEmpty)
    }

    @Test func aRollupNoneParentIsRatedDirectlyAndOffered() throws {
        var policy = MasteryPolicy()
        policy.rollups[id(5)] = Rollup.none
        let readiness = Readiness(graph: try graph(), mastered: [id(9)], goals: [], policies: [frameworkF: policy])
        #expect(codes(readiness.ready).contains("Cl"))
    }
}
