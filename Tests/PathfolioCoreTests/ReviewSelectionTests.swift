import Foundation
import Testing
import PathfolioCore

@Suite("Which reviews count: corrections, ties, as-of")
struct ReviewSelectionTests {
    @Test func aCorrectionCountsAtItsOwnReviewTime() {
        // A(t1)=4, B(t2)=2, C(t3) corrects A to 3: counted in order B, C → latest is C's 3,
        // not B's 2 (which it would be if C took A's place in time).
        let ledger = [review(1, 4), review(2, 2), review(3, 3, supersedes: 1)]
        let evaluation = evaluate(.latest, ledger)
        #expect(evaluation.state.score == Score("3.00"))
        #expect(evaluation.explanation.counted.map(\.reviewID) == [id(1002), id(1003)])
        #expect(evaluation.explanation.excluded.map(\.reviewID) == [id(1001)])
        #expect(evaluation.explanation.excluded.map(\.reason) == [.supersededBy(id(1003))])
        // decaying_average(50) over [2, 3] = 2.5, proving the order B then C.
        #expect(evaluate(.decayingAverage(percent: 50), ledger).state.score == Score("2.50"))
    }

    @Test func aCorrectionSupersedingTheOnlyQualifyingScoreRemovesTheScore() {
        let before = evaluate(.nMastery(1), [review(1, 4), review(2, 2)])
        #expect(before.state.score == Score("4.00"))
        let after = evaluate(.nMastery(1), [review(1, 4), review(2, 2), review(3, 2, supersedes: 1)])
        #expect(after.state.score == nil)
        #expect(after.state.status == .inProgress)
        #expect(after.explanation.qualifyingScoresNeeded == 1)
        #expect(after.state.contributingReviewCount == 2)
    }

    @Test func correctionsChainAndTheLatestCorrectionWins() {
        let chain = [review(1, 4), review(2, 1, supersedes: 1), review(3, 2, supersedes: 2)]
        #expect(evaluate(.highest, chain).state.score == Score("2.00"))
        let twice = [review(1, 4), review(2, 1, supersedes: 1), review(3, 3, supersedes: 1)]
        let evaluation = evaluate(.average, twice)
        #expect(evaluation.state.score == Score("3.00"))
        #expect(evaluation.explanation.counted.map(\.reviewID) == [id(1003)])
    }

    @Test func equalReviewTimesAreOrderedByRecordingSequence() {
        let same = [review(1, 4, at: 60, sequence: 2), review(2, 2, at: 60, sequence: 1)]
        // Recorded order: review 2 (seq 1) then review 1 (seq 2): latest is 4.
        #expect(evaluate(.latest, same).state.score == Score("4.00"))
        #expect(evaluate(.latest, same.reversed()).state.score == Score("4.00"))
        #expect(evaluate(.decayingAverage(percent: 65), same).state.score == Score("3.30"))
    }

    @Test func asOfBeforeAnyReviewIsNotStarted() {
        let evaluation = evaluate(.highest, [review(1, 4, at: 100)], asOf: instant(99))
        #expect(evaluation.state.status == .notStarted)
        #expect(evaluation.state.score == nil)
        #expect(evaluation.explanation.excluded.map(\.reason) == [.recordedAfterAsOf])
    }

    @Test func asOfIgnoresLaterReviewsAndLaterCorrections() {
        let ledger = [review(1, 4, at: 60), review(2, 1, at: 120), review(3, 2, at: 180, supersedes: 1)]
        #expect(evaluate(.highest, ledger, asOf: instant(60)).state.score == Score("4.00"))
        #expect(evaluate(.highest, ledger, asOf: instant(120)).state.score == Score("4.00"))  // correction not known yet
        #expect(evaluate(.highest, ledger, asOf: instant(180)).state.score == Score("2.00"))
        #expect(evaluate(.highest, ledger).state.score == Score("2.00"))
        // At-or-before: a review recorded exactly at the instant counts.
        #expect(evaluate(.latest, ledger, asOf: instant(120)).state.latestReviewAt == instant(120))
    }

    @Test func dateFirstMasteredIsTheFirstMasteredPrefix() {
        let ledger = [review(1, 2, at: 60), review(2, 3, at: 120), review(3, 1, at: 180), review(4, 4, at: 240)]
        let latest = evaluate(.latest, ledger)
        #expect(latest.state.firstMasteredAt == instant(120))
        #expect(latest.state.status == .mastered)
        #expect(latest.state.latestReviewAt == instant(240))
        // average: 2 → 2.5 → 2 → 2.5: never mastered.
        #expect(evaluate(.average, ledger).state.firstMasteredAt == nil)
        // A correction that removes the mastering review moves the date to the next one.
        let corrected = ledger + [review(5, 2, at: 300, supersedes: 2)]
        #expect(evaluate(.latest, corrected).state.firstMasteredAt == instant(240))
    }

    @Test func firstMasteredIsJudgedOnTheRoundedScoreOfEachPrefix() {
        // average: 2.98 → (2.98 + 3)/2 = 2.99 → (… + 3.01)/3 = 2.9966… → 3.00: mastered at the third.
        let ledger = [review(1, Score("2.98")!), review(2, 3), review(3, Score("3.01")!)]
        let evaluation = evaluate(.average, ledger)
        #expect(evaluation.state.score == Score("3.00"))
        #expect(evaluation.state.firstMasteredAt == instant(180))
        // 2.99 then 3.00: the second prefix is exactly 2.995, which rounds to 3.00.
        #expect(evaluate(.average, [review(1, Score("2.99")!), review(2, 3)]).state.firstMasteredAt == instant(120))
    }

    @Test func otherLearnersAndCompetenciesAreIgnored() {
        let ledger = [review(1, 2), review(2, 4, learner: learnerB), review(3, 4, competency: id(101))]
        #expect(evaluate(.highest, ledger).state.score == Score("2.00"))
        #expect(evaluate(.highest, ledger).state.contributingReviewCount == 1)
    }
}
