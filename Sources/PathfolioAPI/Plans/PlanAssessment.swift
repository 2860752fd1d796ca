import Foundation
import PathfolioCore
import PathfolioPostgres

/// A plan's goals judged against the learner's mastery now: each goal's derived status with
/// its pacing explanation (``GoalAssessment``) and its next steps (``Readiness`` restricted to
/// that goal: what is ready to learn toward it, and the unmastered prerequisites blocking it).
struct PlanAssessment {
    let assessments: [GoalID: GoalAssessment]
    let readiness: Readiness
    let today: CalendarDate
    let windowDays: Int

    /// Judges `plan` with the learner's stored mastery states.
    init(_ plan: Plan, states: [MasteryStateStore.Stored], catalog: CompetencyCatalog, now: Date, timeZone: TimeZone,
         windowDays: Int) {
        let progress = LearnerProgress(states: states, learner: plan.learnerID, catalog: catalog)
        let today = CalendarDate(now, in: timeZone)
        var assessments: [GoalID: GoalAssessment] = [:]
        for goal in plan.goals {
            assessments[goal.id] = GoalAssessment(goal: goal, planStart: plan.startDate, progress: progress, today: today,
                                                  timeZone: timeZone, windowDays: windowDays)
        }
        self.assessments = assessments
        self.readiness = Readiness(graph: catalog.graph, mastered: progress.mastered, goals: plan.goals,
                                   policies: catalog.policies)
        self.today = today
        self.windowDays = windowDays
    }
}

extension LearnerProgress {
    /// Progress from the projection's rows: direct states as stored, rollups recomputed with
    /// the catalog's policies (the same rule that wrote them).
    init(states rows: [MasteryStateStore.Stored], learner: PersonID, catalog: CompetencyCatalog) {
        var states: [CompetencyID: MasteryState] = [:]
        for row in rows where !row.isRollup {
            states[row.competencyID] = MasteryState(
                learnerID: learner, competencyID: row.competencyID, score: row.score, level: row.level, status: row.status,
                firstMasteredAt: row.firstMasteredAt, contributingReviewCount: row.contributingReviewCount,
                latestReviewAt: row.latestReviewAt)
        }
        self.init(learner: learner, graph: catalog.graph, states: states, policies: catalog.policies)
    }
}
