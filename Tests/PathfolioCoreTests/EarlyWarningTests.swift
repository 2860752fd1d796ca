import Foundation
import Testing
import PathfolioCore

@Suite("Early warning for a caseload")
struct EarlyWarningTests {
    func item(_ n: Int, at seconds: Double, status: [EvidenceStatus]) throws -> Evidence {
        var evidence = try Evidence(id: id(n), learnerID: learnerA, submittedBy: learnerA, title: "e\(n)", content: .text("x"),
                                    competencies: [competencyX], submittedAt: instant(seconds))
        for next in status { try evidence.transition(to: next) }
        return evidence
    }

    @Test func flagsWaitingEvidenceAndQuietLearners() throws {
        let day = 86_400.0
        let evidence = [try item(1, at: 1 * day, status: [.inReview, .accepted]), try item(2, at: 3 * day, status: []),
                        try item(3, at: 5 * day, status: [.inReview])]
        let now = instant(20 * day)
        let warning = EarlyWarning(learner: learnerA, assessments: [], evidence: evidence, now: now, since: instant(0))
        #expect(warning.signals == [.evidenceAwaitingReview(count: 2, oldestSubmittedAt: instant(3 * day)),
                                    .noRecentEvidence(days: 15)])
        let fresh = EarlyWarning(learner: learnerA, assessments: [], evidence: [try item(4, at: 19 * day, status: [.inReview, .accepted])],
                                 now: now, since: instant(0))
        #expect(!fresh.needsAttention)
        let never = EarlyWarning(learner: learnerA, assessments: [], evidence: [], now: now, since: instant(10 * day))
        #expect(never.signals.isEmpty)  // 10 quiet days < 14
    }

    @Test("thresholds: a review is overdue only after reviewWaitDays; quiet days count from `since` without evidence")
    func thresholds() {
        let day = 86_400.0
        let thresholds = EarlyWarningThresholds(quietDays: 10, reviewWaitDays: 7, pacingWindowDays: 28)
        let recent = EarlyWarning.EvidenceActivity(waitingCount: 2, oldestWaitingSubmittedAt: instant(14 * day),
                                                   lastSubmittedAt: instant(15 * day))
        let fresh = EarlyWarning(learner: learnerA, assessments: [], activity: recent, now: instant(20 * day) - 1,
                                 since: instant(0), thresholds: thresholds)
        #expect(fresh.signals.isEmpty)  // waited 5 days 23:59:59 → 5 < 7; quiet 4 < 10
        #expect(fresh.waitingDays == 5)
        #expect(fresh.quietDays == 4)
        let overdue = EarlyWarning(learner: learnerA, assessments: [], activity: recent, now: instant(21 * day),
                                   since: instant(0), thresholds: thresholds)
        #expect(overdue.signals == [.evidenceAwaitingReview(count: 2, oldestSubmittedAt: instant(14 * day))])
        let never = EarlyWarning.EvidenceActivity(waitingCount: 0, oldestWaitingSubmittedAt: nil, lastSubmittedAt: nil)
        let quiet = EarlyWarning(learner: learnerA, assessments: [], activity: never, now: instant(20 * day),
                                 since: instant(10 * day), thresholds: thresholds)
        #expect(quiet.signals == [.noRecentEvidence(days: 10)])
        #expect(quiet.waitingDays == nil)
    }
}
