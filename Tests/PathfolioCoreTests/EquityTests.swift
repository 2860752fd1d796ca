import Foundation
import Testing
import PathfolioCore

@Suite("Equity report suppression")
struct EquityTests {
    func learners(_ group: String?, count: Int, mastered: Int, from start: Int) -> [EquityReport.Learner] {
        (0..<count).map { EquityReport.Learner(learnerID: id(start + $0), group: group, mastered: mastered, competencies: 10) }
    }

    @Test func ratesAreMasteredPairsOverPairs() {
        let report = EquityReport(field: "gender", learners: learners("F", count: 12, mastered: 5, from: 0)
            + learners("M", count: 10, mastered: 2, from: 100))
        #expect(report.groups.map(\.group) == ["F", "M"])
        #expect(report.groups[0].rate == ExactRational(60, over: 120))
        #expect(report.groups[0].percent == Score("50.00"))
        #expect(report.groups[1].percent == Score("20.00"))
        #expect(report.total.percent == Score("36.36"))  // (60 + 20) / 220 = 36.3636…
        #expect(report.groups.allSatisfy { $0.suppression == nil })
    }

    @Test func aSmallGroupIsSuppressedWithItsComplement() {
        // 12 F, 11 M, 3 X: X is small; alone it could be recovered from the total, so the
        // smallest other group (M) is suppressed too.
        let report = EquityReport(field: "gender", learners: learners("F", count: 12, mastered: 5, from: 0)
            + learners("M", count: 11, mastered: 2, from: 100) + learners("X", count: 3, mastered: 9, from: 200))
        let byName = Dictionary(uniqueKeysWithValues: report.groups.map { ($0.group!, $0) })
        #expect(byName["X"]?.suppression == .smallGroup)
        #expect(byName["X"]?.learners == nil && byName["X"]?.rate == nil)
        #expect(byName["M"]?.suppression == .complementary)
        #expect(byName["F"]?.suppression == nil && byName["F"]?.learners == 12)
        #expect(report.total.learners == 26)
    }

    @Test func twoTinyGroupsTogetherUnderTheThresholdPullInAThird() {
        // X 2 and Y 3 (5 together < 10): a third group must be hidden too.
        let report = EquityReport(field: "ell", learners: learners("X", count: 2, mastered: 1, from: 0)
            + learners("Y", count: 3, mastered: 1, from: 10) + learners("Z", count: 15, mastered: 1, from: 20)
            + learners("W", count: 20, mastered: 1, from: 50))
        let hidden = report.groups.filter { $0.suppression != nil }.map(\.group!)
        #expect(hidden == ["X", "Y", "Z"])
        #expect(report.groups.first { $0.group == "W" }?.suppression == nil)
    }

    @Test func missingValuesFormTheirOwnGroupAndATinyPopulationHidesTheTotal() {
        let report = EquityReport(field: "x", learners: learners(nil, count: 4, mastered: 1, from: 0))
        #expect(report.groups.map(\.group) == [EquityReport.notRecorded])
        #expect(report.total.suppression == .smallGroup)
        #expect(report.total.rate == nil)
        let custom = EquityReport(field: "x", learners: learners("A", count: 4, mastered: 1, from: 0), threshold: 3)
        #expect(custom.groups[0].suppression == nil)
    }
}
