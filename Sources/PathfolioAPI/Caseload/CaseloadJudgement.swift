import Foundation
import PathfolioCore
import PathfolioPostgres

/// Judges advisees for a caseload: their evidence summary against the thresholds and, when
/// asked, their open plan's goals against their mastery (``GoalAssessment``, with the
/// institution's pacing window and time zone), reading the goals and states of all of them in
/// one round trip.
struct CaseloadJudgement {
    let session: Session
    let thresholds: EarlyWarningThresholds
    let timeZone: TimeZone

    /// The entries of `advisees`, in their order.
    func entries(_ advisees: [Advisee], assessingGoals: Bool) async throws -> [CaseloadEntry] {
        let assessments = assessingGoals ? try await goalAssessments(of: advisees) : [:]
        return advisees.map { advisee in
            CaseloadEntry(advisee, assessments: assessingGoals ? assessments[advisee.learnerID] ?? [] : nil,
                          now: session.now, timeZone: timeZone, thresholds: thresholds)
        }
    }

    /// The goal assessments of the advisees whose open plan is in force or being written.
    private func goalAssessments(of advisees: [Advisee]) async throws -> [PersonID: [GoalAssessment]] {
        let judged = advisees.filter { $0.plan?.status.isOpen == true }
        guard !judged.isEmpty else { return [:] }
        var batch = PostgresBatch()
        let goalsSlot = batch.add(CaseloadStore.goals(ofPlans: judged.compactMap { $0.plan?.id }))
        let statesSlot = batch.add(CaseloadStore.directStates(of: judged.map(\.learnerID)))
        let results = try await session.connection.send(batch)
        try results.check()
        let goals = try results(goalsSlot)
        let states = try results(statesSlot)
        let catalog = try await session.catalog()
        let today = CalendarDate(session.now, in: timeZone)
        var assessments: [PersonID: [GoalAssessment]] = [:]
        for advisee in judged {
            guard let plan = advisee.plan, let planGoals = goals[plan.id], !planGoals.isEmpty else { continue }
            // Only the targets and what they roll up from are evaluated.
            var subset = Set<CompetencyID>()
            for target in planGoals.flatMap(\.targets) where catalog.graph.competency(target) != nil {
                subset.insert(target)
                subset.formUnion(catalog.graph.descendants(of: target))
            }
            let progress = LearnerProgress(learner: advisee.learnerID, graph: catalog.graph, states: states[advisee.learnerID] ?? [:],
                                           policies: catalog.policies, only: subset)
            assessments[advisee.learnerID] = planGoals.map { goal in
                GoalAssessment(goal: goal, planStart: plan.startDate, progress: progress, today: today, timeZone: timeZone,
                               windowDays: thresholds.pacingWindowDays)
            }
        }
        return assessments
    }
}
