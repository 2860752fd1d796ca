import Foundation
import Testing
import PathfolioCore

@Suite("Evidence workflow and review rules")
struct EvidenceWorkflowTests {
    static let allowed: Set<[EvidenceStatus]> = [
        [.submitted, .inReview], [.inReview, .accepted], [.inReview, .returned],
        [.submitted, .withdrawn], [.inReview, .withdrawn], [.returned, .withdrawn],
    ]
    static let pairs: [(EvidenceStatus, EvidenceStatus)] =
        EvidenceStatus.allCases.flatMap { from in EvidenceStatus.allCases.map { (from, $0) } }

    @Test("every pair of evidence statuses is allowed or refused with the allowed set named", arguments: pairs)
    func transitionTable(from: EvidenceStatus, to: EvidenceStatus) {
        let expectedAllowed = EvidenceStatus.allCases.filter { EvidenceWorkflowTests.allowed.contains([from, $0]) }
        if EvidenceWorkflowTests.allowed.contains([from, to]) {
            #expect(throws: Never.self) { try from.transition(to: to) }
        } else {
            #expect(throws: EvidenceStatus.IllegalTransition(from: from, to: to, allowed: expectedAllowed)) {
                try from.transition(to: to)
            }
        }
    }

    func evidence(status: [EvidenceStatus] = []) throws -> Evidence {
        var item = try Evidence(id: id(1), learnerID: learnerA, submittedBy: learnerA, title: "Ratio poster",
                                content: .link(url: "https://example.org/p"), competencies: [competencyX], submittedAt: instant(0))
        for next in status { try item.transition(to: next) }
        return item
    }

    @Test func onlyReturnedEvidenceIsRevisedAndTheRevisionPointsBack() throws {
        let returned = try evidence(status: [.inReview, .returned])
        let revision = try returned.revision(id: id(2), content: .text("better"), submittedBy: learnerA, submittedAt: instant(10))
        #expect(revision.previousRevision == id(1))
        #expect(revision.status == .submitted)
        #expect(revision.competencies == [competencyX])
        #expect(revision.kind == .text)
        #expect(throws: Evidence.Invalid.notRevisable(.accepted, revisable: [.returned])) {
            try evidence(status: [.inReview, .accepted]).revision(id: id(3), content: .text("x"), submittedBy: learnerA, submittedAt: instant(1))
        }
    }

    @Test func evidenceMustClaimCompetenciesOnce() {
        #expect(throws: Evidence.Invalid.noCompetencies) {
            try Evidence(id: id(1), learnerID: learnerA, submittedBy: learnerA, title: "t", content: .text("x"),
                         competencies: [], submittedAt: instant(0))
        }
        #expect(throws: Evidence.Invalid.competencyRepeated(competencyX)) {
            try Evidence(id: id(1), learnerID: learnerA, submittedBy: learnerA, title: "t", content: .text("x"),
                         competencies: [competencyX, competencyX], submittedAt: instant(0))
        }
        #expect(throws: Evidence.Invalid.fileTooLarge(byteCount: 26 * 1024 * 1024, limit: 25 * 1024 * 1024)) {
            try Evidence(id: id(1), learnerID: learnerA, submittedBy: learnerA, title: "t",
                         content: .file(sha256: nil, byteCount: 26 * 1024 * 1024, mediaType: "image/png"),
                         competencies: [competencyX], submittedAt: instant(0))
        }
    }

    @Test func reviewsMustFitEvidenceScaleAndPair() throws {
        let inReview = try evidence(status: [.inReview])
        let good = review(1, 3)
        try good.validate(against: inReview, scale: .fourPoint, superseded: nil)
        #expect(throws: Review.Refusal.notALevel(Score("2.5")!, allowed: [1, 2, 3, 4])) {
            try review(2, Score("2.5")!).validate(against: inReview, scale: .fourPoint, superseded: nil)
        }
        #expect(throws: Review.Refusal.competencyNotClaimed(id(101), claimed: [competencyX])) {
            try review(3, 3, competency: id(101)).validate(against: inReview, scale: .fourPoint, superseded: nil)
        }
        #expect(throws: Review.Refusal.evidenceNotReviewable(.submitted, reviewable: [.inReview, .accepted])) {
            try good.validate(against: evidence(), scale: .fourPoint, superseded: nil)
        }
        let correction = review(4, 2, supersedes: 1)
        try correction.validate(against: inReview, scale: .fourPoint, superseded: good)
        #expect(throws: Review.Refusal.supersedesAnotherPair(id(1001))) {
            try correction.validate(against: inReview, scale: .fourPoint, superseded: review(1, 3, learner: learnerB))
        }
    }
}
