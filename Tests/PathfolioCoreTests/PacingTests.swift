import Foundation
import Testing
import PathfolioCore

@Suite("Pacing and goal status")
struct PacingTests {
    let t1: CompetencyID = id(21), t2: CompetencyID = id(22), t3: CompetencyID = id(23), t4: CompetencyID = id(24)

    @Test func onTrackWhenTheRateCoversWhatIsLeft() {
        // Window 28 days up to 03-01 (start 02-01 exclusive), 2 reached in it: rate 2/28 per day.
        // 28 days left → projected 2 ≥ 2 remaining → on track.
        let pace = Pacing(reachedOn: [t1: day("2026-02-10"), t2: day("2026-02-20"), t3: nil, t4: nil], milestones: [],
                          planStart: day("2026-01-01"), dueDate: day("2026-03-29"), today: day("2026-03-01"))
        #expect(pace.windowStart == day("2026-02-01"))
        #expect(pace.windowDays == 28)
        #expect(pace.reachedInWindow == 2)
        #expect(pace.rate == ExactRational(2, over: 28))
        #expect(pace.daysLeft == 28)
        #expect(pace.projected == ExactRational(2))
        #expect(pace.remaining == 2)
        #expect(pace.verdict == .onTrack)
    }

    @Test func atRiskOneDayShort() {
        // Same history, due one day earlier: projected 2·27/28 < 2.
        let pace = Pacing(reachedOn: [t1: day("2026-02-10"), t2: day("2026-02-20"), t3: nil, t4: nil], milestones: [],
                          planStart: day("2026-01-01"), dueDate: day("2026-03-28"), today: day("2026-03-01"))
        #expect(pace.projected == ExactRational(54, over: 28))
        #expect(pace.verdict == .atRisk)
    }

    @Test func reachedBeforeTheWindowDoesNotCountTowardsTheRate() {
        let pace = Pacing(reachedOn: [t1: day("2026-01-10"), t2: nil], milestones: [],
                          planStart: day("2026-01-01"), dueDate: day("2026-12-31"), today: day("2026-03-01"))
        #expect(pace.reachedInWindow == 0)
        #expect(pace.verdict == .atRisk)
    }

    @Test func theWindowStartsNoEarlierThanThePlan() {
        // Plan started 5 days ago (02-24); 1 reached inside: rate 1/5; 10 days left → 2 ≥ 2 remaining.
        let inside = Pacing(reachedOn: [t1: day("2026-02-27"), t2: nil, t3: nil], milestones: [],
                            planStart: day("2026-02-24"), dueDate: day("2026-03-11"), today: day("2026-03-01"))
        #expect(inside.windowDays == 5 && inside.reachedInWindow == 1)
        #expect(inside.projected == ExactRational(2))
        #expect(inside.verdict == .onTrack)
    }

    @Test func pastDueOrMissedMilestoneIsAtRisk() {
        let late = Pacing(reachedOn: [t1: day("2026-02-27"), t2: nil], milestones: [],
                          planStart: day("2026-01-01"), dueDate: day("2026-02-28"), today: day("2026-03-01"))
        #expect(late.daysLeft == -1 && late.verdict == .atRisk)
        let missed = Pacing(reachedOn: [t1: day("2026-02-27"), t2: day("2026-02-28"), t3: nil],
                            milestones: [Milestone(dueDate: day("2026-02-15"), competencies: [t1])],
                            planStart: day("2026-02-01"), dueDate: day("2026-12-01"), today: day("2026-03-01"))
        #expect(missed.missedMilestones == [day("2026-02-15")])
        #expect(missed.verdict == .atRisk)
    }

    func progress(_ reviews: [Review], graph: CompetencyGraph) -> LearnerProgress {
        let framework = Framework(id: frameworkF, institutionID: institutionI, uri: "", title: "F", creator: "", lastChangedAt: instant(0))
        return LearnerProgress(learner: learnerA, graph: graph, frameworks: [frameworkF: framework], reviews: reviews)
    }

    @Test func goalStatusFollowsMasteryThenPacing() throws {
        let graph = try CompetencyGraph(competencies: [competency(21, "T1"), competency(22, "T2")], associations: [])
        let goal = try Goal(id: id(40), statement: "g", kind: .academic, targets: [t1, t2], dueDate: day("2026-02-28"),
                            approval: .approved(by: id(50)))
        let utc = TimeZone(secondsFromGMT: 0)!
        let none = GoalAssessment(goal: goal, planStart: day("2026-01-01"), progress: progress([], graph: graph),
                                  today: day("2026-01-20"), timeZone: utc)
        #expect(none.status == .notStarted)
        // instant(0) is 2026-01-01; one target mastered on 01-01 (+1 day), the other started.
        let some = progress([review(1, 3, at: 86_400, competency: t1), review(2, 1, at: 86_400 * 2, competency: t2)], graph: graph)
        let paced = GoalAssessment(goal: goal, planStart: day("2026-01-01"), progress: some, today: day("2026-01-20"), timeZone: utc)
        // window 01-01..01-20 (19 days), 1 reached → 1·39 ≥ 1·19 → on track.
        #expect(paced.status == .onTrack)
        #expect(paced.pacing?.reachedInWindow == 1)
        #expect(paced.reached == [t1] && paced.remaining == [t2])
        let done = progress([review(1, 3, at: 86_400, competency: t1), review(2, 4, at: 86_400 * 9, competency: t2)], graph: graph)
        let achieved = GoalAssessment(goal: goal, planStart: day("2026-01-01"), progress: done, today: day("2026-01-20"), timeZone: utc)
        #expect(achieved.status == .achieved)
        #expect(achieved.achievedOn == day("2026-01-10"))
        var dropped = goal
        dropped.isDropped = true
        #expect(GoalAssessment(goal: dropped, planStart: day("2026-01-01"), progress: done, today: day("2026-01-20"), timeZone: utc).status == .dropped)
        // A target level above the threshold needs the score, not just mastery.
        var demanding = goal
        demanding.targetLevel = 4
        #expect(GoalAssessment(goal: demanding, planStart: day("2026-01-01"), progress: done, today: day("2026-01-20"), timeZone: utc).status != .achieved)
    }
}
