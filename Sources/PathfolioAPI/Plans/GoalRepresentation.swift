import Foundation
import PathfolioCore
import PathfolioPostgres

/// A goal as the API shows it: what it targets and by when, who proposed and approved it, and
/// — derived, never stored — its status with the pacing that explains it, its progress
/// (targets reached of targeted) and its next steps.
struct GoalRepresentation: Encodable {
    struct MilestoneBody: Encodable {
        let dueDate: String
        let competencyIds: [String]
    }
    struct Progress: Encodable {
        let mastered: Int
        let targeted: Int
        let reachedCompetencyIds: [String]
        let remainingCompetencyIds: [String]
    }
    struct PacingBody: Encodable {
        let windowStart: String
        let windowEnd: String
        let windowDays: Int
        let reachedInWindow: Int
        let ratePerDay: String
        let daysLeft: Int
        let projected: String
        let remaining: Int
        let missedMilestones: [String]
        let explanation: [String]
    }
    struct NextStep: Encodable {
        let competencyId: String
        let code: String
        let ready: Bool
        /// `target` (a target of the goal), `part_of_target` (a child of a target that rolls up), or
        /// `prerequisite` (an unmastered prerequisite blocking the goal).
        let reason: String
    }

    let id: String
    let planId: String
    let statement: String
    let kind: String
    let targetCompetencyIds: [String]
    let targetLevel: Score?
    let dueDate: String
    let milestones: [MilestoneBody]
    let approval: String
    let proposedBy: String
    let approvedBy: String?
    let dropReason: String?
    let droppedBy: String?
    let status: String
    let achievedOn: String?
    let progress: Progress
    let pacing: PacingBody?
    let nextSteps: [NextStep]
    let etag: String
    let updatedAt: Date

    init(_ goal: Goal, plan: PlanID, stamp: GoalStamp?, assessment: PlanAssessment) {
        id = goal.id.description
        planId = plan.description
        statement = goal.statement
        kind = goal.kind.rawValue
        targetCompetencyIds = goal.targets.map(\.description)
        targetLevel = goal.targetLevel
        dueDate = goal.dueDate.description
        milestones = goal.milestones.map { MilestoneBody(dueDate: $0.dueDate.description, competencyIds: $0.competencies.map(\.description)) }
        switch goal.approval {
        case .proposed(let by):
            approval = "proposed"
            proposedBy = by.description
            approvedBy = nil
        case .approved(let by):
            approval = "approved"
            proposedBy = (stamp?.proposedBy ?? by).description
            approvedBy = by.description
        }
        dropReason = goal.dropReason
        droppedBy = goal.isDropped ? stamp?.droppedBy?.description : nil
        let judged = assessment.assessments[goal.id]
        status = (judged?.status ?? (goal.isDropped ? .dropped : .notStarted)).rawValue
        achievedOn = judged?.achievedOn?.description
        progress = Progress(mastered: judged?.reached.count ?? 0, targeted: goal.targets.count,
                            reachedCompetencyIds: judged?.reached.map(\.description) ?? [],
                            remainingCompetencyIds: judged?.remaining.map(\.description) ?? goal.targets.map(\.description))
        pacing = judged?.pacing.map { pace in
            PacingBody(windowStart: pace.windowStart.description, windowEnd: pace.windowEnd.description,
                       windowDays: pace.windowDays, reachedInWindow: pace.reachedInWindow, ratePerDay: pace.rate.description,
                       daysLeft: pace.daysLeft, projected: pace.projected.description, remaining: pace.remaining,
                       missedMilestones: pace.missedMilestones.map(\.description), explanation: pace.lines)
        }
        if goal.isDropped || judged?.status == .achieved {
            nextSteps = []
        } else {
            let gaps = assessment.readiness.gaps.filter { $0.goalID == goal.id }
            let prerequisites = Set(gaps.map(\.competencyID))
            let ready = assessment.readiness.ready.filter { $0.goalIDs.contains(goal.id) }.map { step in
                let reason = goal.targets.contains(step.competencyID) ? "target"
                    : prerequisites.contains(step.competencyID) ? "prerequisite" : "part_of_target"
                return NextStep(competencyId: step.competencyID.description, code: step.code, ready: true, reason: reason)
            }
            nextSteps = ready + gaps.filter { gap in !ready.contains { $0.competencyId == gap.competencyID.description } }.map {
                NextStep(competencyId: $0.competencyID.description, code: $0.code, ready: $0.isReady, reason: "prerequisite")
            }
        }
        etag = EntityTag(kind: "goal", version: stamp?.version ?? 1).header
        updatedAt = stamp?.updatedAt ?? Date(timeIntervalSince1970: 0)
    }
}
