import Foundation
import Testing
import PathfolioCore

@Suite("Rollups to parents")
struct RollupTests {
    let a: CompetencyID = id(11), b: CompetencyID = id(12), c: CompetencyID = id(13)

    func child(_ id: CompetencyID, _ status: MasteryStatus, _ seconds: Double? = nil) -> Rollup.Child {
        Rollup.Child(competencyID: id, status: status, firstMasteredAt: seconds.map(instant))
    }

    @Test func allNeedsEveryChild() {
        let some = Rollup.all.evaluate(children: [child(a, .mastered, 10), child(b, .inProgress), child(c, .notStarted)])
        #expect(some.status == .inProgress)
        #expect(some.earnedPoints == 1 && some.requiredPoints == 3)
        let every = Rollup.all.evaluate(children: [child(a, .mastered, 30), child(b, .mastered, 10), child(c, .mastered, 20)])
        #expect(every.status == .mastered)
        #expect(every.firstMasteredAt == instant(30))  // when the last one was mastered
        #expect(Rollup.all.evaluate(children: [child(a, .notStarted)]).status == .notStarted)
        #expect(Rollup.all.evaluate(children: []).status == .notStarted)  // nothing shown, nothing mastered
    }

    @Test func pointsCountWeightsOfMasteredChildren() {
        let rule = Rollup.points(required: 3, weights: [a: 2])  // a weighs 2, b and c weigh 1
        let ab = rule.evaluate(children: [child(a, .mastered, 50), child(b, .mastered, 20), child(c, .inProgress)])
        #expect(ab.status == .mastered)
        #expect(ab.earnedPoints == 3)
        #expect(ab.firstMasteredAt == instant(50))  // b alone (1) was short; a (2) made 3
        let bc = rule.evaluate(children: [child(a, .inProgress), child(b, .mastered, 20), child(c, .mastered, 30)])
        #expect(bc.status == .inProgress)
        #expect(bc.earnedPoints == 2)
        let fractional = Rollup.points(required: Score("1.5")!, weights: [a: Score("0.75")!, b: Score("0.75")!])
        #expect(fractional.evaluate(children: [child(a, .mastered, 1), child(b, .mastered, 2)]).status == .mastered)
        #expect(fractional.evaluate(children: [child(a, .mastered, 1), child(b, .inProgress)]).status == .inProgress)
    }

    @Test func noneRatesTheParentDirectly() throws {
        let parent = competency(10, "P"), first = competency(11, "P.1"), second = competency(12, "P.2")
        let graph = try CompetencyGraph(competencies: [parent, first, second],
                                        associations: [association(.isChildOf, 11, 10), association(.isChildOf, 12, 10)])
        let reviewsOfChildren = [review(1, 4, competency: first.id), review(2, 4, competency: second.id)]
        var framework = Framework(id: frameworkF, institutionID: institutionI, uri: "", title: "F", creator: "", lastChangedAt: instant(0))
        let rolled = LearnerProgress(learner: learnerA, graph: graph, frameworks: [frameworkF: framework], reviews: reviewsOfChildren)
        #expect(rolled.status(of: parent.id) == .mastered)
        framework.masteryPolicy.rollups[parent.id] = Rollup.none
        let direct = LearnerProgress(learner: learnerA, graph: graph, frameworks: [frameworkF: framework], reviews: reviewsOfChildren)
        #expect(direct.status(of: parent.id) == .notStarted)
        let rated = LearnerProgress(learner: learnerA, graph: graph, frameworks: [frameworkF: framework],
                                    reviews: reviewsOfChildren + [review(3, 3, competency: parent.id)])
        #expect(rated.status(of: parent.id) == .mastered)
        #expect(rated.entries[parent.id]?.score == Score("3.00"))
    }

    @Test func rollupsChainUpTheHierarchy() throws {
        // Domain D ⊃ cluster C ⊃ {S1, S2}; D ⊃ S3. Master S1, S2, S3 → C then D mastered.
        let items = [competency(1, "D"), competency(2, "C"), competency(3, "S1"), competency(4, "S2"), competency(5, "S3")]
        let graph = try CompetencyGraph(competencies: items, associations: [
            association(.isChildOf, 2, 1), association(.isChildOf, 3, 2), association(.isChildOf, 4, 2),
            association(.isChildOf, 5, 1),
        ])
        let framework = Framework(id: frameworkF, institutionID: institutionI, uri: "", title: "F", creator: "", lastChangedAt: instant(0))
        let partial = LearnerProgress(learner: learnerA, graph: graph, frameworks: [frameworkF: framework],
                                      reviews: [review(1, 3, competency: id(3)), review(2, 3, competency: id(4))])
        #expect(partial.status(of: id(2)) == .mastered)
        #expect(partial.status(of: id(1)) == .inProgress)
        let full = LearnerProgress(learner: learnerA, graph: graph, frameworks: [frameworkF: framework],
                                   reviews: [review(1, 3, competency: id(3)), review(2, 3, competency: id(4)),
                                             review(3, 4, competency: id(5))])
        #expect(full.status(of: id(1)) == .mastered)
        #expect(full.entries[id(1)]?.firstMasteredAt == instant(180))
        #expect(full.mastered == Set([id(1), id(2), id(3), id(4), id(5)] as [CompetencyID]))
    }

    @Test func aSubtreeAloneRollsUpAsTheWholeGraphDoes() throws {
        // D ⊃ C ⊃ {S1, S2}; D ⊃ S3; E ⊃ S4 elsewhere. Computing only C and what is under it
        // gives C the entry the whole graph gives it, and nothing outside gets one.
        let items = [competency(1, "D"), competency(2, "C"), competency(3, "S1"), competency(4, "S2"), competency(5, "S3"),
                     competency(6, "E"), competency(7, "S4")]
        let graph = try CompetencyGraph(competencies: items, associations: [
            association(.isChildOf, 2, 1), association(.isChildOf, 3, 2), association(.isChildOf, 4, 2),
            association(.isChildOf, 5, 1), association(.isChildOf, 7, 6),
        ])
        let states: [CompetencyID: MasteryState] = [
            id(3): MasteryState(learnerID: learnerA, competencyID: id(3), score: 3, level: nil, status: .mastered,
                                firstMasteredAt: instant(10), contributingReviewCount: 1, latestReviewAt: instant(10)),
            id(4): MasteryState(learnerID: learnerA, competencyID: id(4), score: 4, level: nil, status: .mastered,
                                firstMasteredAt: instant(20), contributingReviewCount: 1, latestReviewAt: instant(20)),
        ]
        let whole = LearnerProgress(learner: learnerA, graph: graph, states: states, policies: [:])
        let part = LearnerProgress(learner: learnerA, graph: graph, states: states, policies: [:], only: [id(2), id(3), id(4)])
        #expect(part.entries[id(2)] == whole.entries[id(2)])
        #expect(part.entries[id(2)]?.status == .mastered)
        #expect(part.entries[id(2)]?.firstMasteredAt == instant(20))
        #expect(Set(part.entries.keys) == Set([id(2), id(3), id(4)] as [CompetencyID]))
    }
}
