import Foundation
import PathfolioCore
import PathfolioPostgres

/// Judges advisees for a caseload: their evidence summary against the thresholds and, for those
/// whose goals were read, their open plan's goals against their mastery (``GoalAssessment``, with
/// the institution's pacing window and time zone).
struct CaseloadJudgement {
    /// What judging goals needs: the open plans' goals and the learners' direct states.
    struct GoalInputs {
        let goals: [PlanID: [Goal]]
        let states: [PersonID: [CompetencyID: MasteryState]]
    }

    let now: Date
    let thresholds: EarlyWarningThresholds
    let timeZone: TimeZone
    let catalog: CompetencyCatalog

    /// Reads the goal inputs of `advisees` in one round trip (their goals and states together).
    static func goalInputs(of advisees: [Advisee], in session: Session) async throws -> GoalInputs {
        let judged = advisees.filter { $0.plan?.status.isOpen == true }
        guard !judged.isEmpty else { return GoalInputs(goals: [:], states: [:]) }
        let scope = CaseloadStore.Scope.learners(judged.map(\.learnerID), plans: judged.compactMap { $0.plan?.id })
        var batch = PostgresBatch()
        let goals = batch.add(CaseloadStore.goals(scope))
        let states = batch.add(CaseloadStore.directStates(scope))
        let results = try await session.connection.send(batch)
        try results.check()
        return GoalInputs(goals: try results(goals), states: try results(states))
    }

    /// The entries of `advisees`, in their order; goals judged only with `inputs`.
    func entries(_ advisees: [Advisee], goals inputs: GoalInputs?) -> [CaseloadEntry] {
        let today = CalendarDate(now, in: timeZone)
        return advisees.map { (advisee: Advisee) -> CaseloadEntry in
            let judged: [GoalAssessment]? = inputs.map { goalAssessments(of: advisee, with: $0, today: today) }
            return CaseloadEntry(advisee, assessments: judged, now: now, timeZone: timeZone, thresholds: thresholds)
        }
    }

    /// The assessments of the goals of the advisee's open plan (none without one).
    private func goalAssessments(of advisee: Advisee, with inputs: GoalInputs, today: CalendarDate) -> [GoalAssessment] {
        guard let plan = advisee.plan, plan.status.isOpen, let goals = inputs.goals[plan.id], !goals.isEmpty else { return [] }
        // Only the targets and what they roll up from are evaluated.
        var subset = Set<CompetencyID>()
        for target in goals.flatMap(\.targets) where catalog.graph.competency(target) != nil {
            subset.insert(target)
            subset.formUnion(catalog.graph.descendants(of: target))
        }
        let progress = LearnerProgress(learner: advisee.learnerID, graph: catalog.graph,
                                       states: inputs.states[advisee.learnerID] ?? [:], policies: catalog.policies, only: subset)
        return goals.map { goal in
            GoalAssessment(goal: goal, planStart: plan.startDate, progress: progress, today: today, timeZone: timeZone,
                           windowDays: thresholds.pacingWindowDays)
        }
    }
}
