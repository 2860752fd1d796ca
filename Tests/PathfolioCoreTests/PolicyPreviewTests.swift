import Foundation
import Testing
import PathfolioCore

@Suite("Policy preview")
struct PolicyPreviewTests {
    @Test func previewNamesTheLearnersWhoseStatusWouldChange() throws {
        let graph = try CompetencyGraph(competencies: [competency(100, "X")], associations: [])
        let framework = Framework(id: frameworkF, institutionID: institutionI, uri: "", title: "F", creator: "", lastChangedAt: instant(0))
        // A: 4 then 1 → highest 4 (mastered), latest 1. B: 1 then 3 → mastered either way. C: no reviews.
        let ledger = [review(1, 4, learner: learnerA), review(2, 1, learner: learnerA),
                      review(3, 1, learner: learnerB), review(4, 3, learner: learnerB)]
        let preview = PolicyPreview(graph: graph, framework: framework, proposed: MasteryPolicy(method: .latest),
                                    cohort: [learnerA, learnerB, id(9)], reviews: ledger)
        #expect(preview.learnersEvaluated == 3)
        #expect(preview.learnersWithStatusChanges == 1)
        #expect(preview.statusChanges.map(\.learnerID) == [learnerA])
        #expect(preview.statusChanges.first?.currentStatus == .mastered)
        #expect(preview.statusChanges.first?.proposedStatus == .inProgress)
        #expect(preview.statusChanges.first?.proposedScore == Score("1.00"))
        // B's score stays 3.00 under both: no change at all.
        #expect(preview.scoreOnlyChanges.isEmpty)
        let average = PolicyPreview(graph: graph, framework: framework, proposed: MasteryPolicy(method: .average),
                                    cohort: [learnerB], reviews: ledger)
        #expect(average.statusChanges.first?.proposedStatus == .inProgress)  // (1+3)/2 = 2
    }
}
