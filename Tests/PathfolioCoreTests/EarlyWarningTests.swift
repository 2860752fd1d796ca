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
}
