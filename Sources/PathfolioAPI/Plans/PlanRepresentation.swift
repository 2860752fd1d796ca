import Foundation
import PathfolioCore
import PathfolioPostgres

/// A plan as the API shows it, with its goals judged now (``PlanAssessment``).
struct PlanRepresentation: Encodable {
    struct Summary: Encodable {
        let goals: Int
        let achieved: Int
        let atRisk: Int
        let proposed: Int
    }

    let id: String
    let learnerId: String
    let advisorIds: [String]
    let title: String
    let startDate: String
    let targetDate: String
    let status: String
    let allowedTransitions: [String]
    let templateId: String?
    let templateVersion: Int?
    let strengths: String
    let challenges: String
    let interests: String
    let aspirations: String
    let summary: Summary
    let goals: [GoalRepresentation]
    let etag: String
    let createdBy: String
    let createdAt: Date
    let updatedAt: Date

    init(_ record: PlanRecord, assessment: PlanAssessment) {
        let plan = record.plan
        id = plan.id.description
        learnerId = plan.learnerID.description
        advisorIds = plan.advisorIDs.map(\.description)
        title = plan.title
        startDate = plan.startDate.description
        targetDate = plan.targetDate.description
        status = plan.status.rawValue
        allowedTransitions = plan.status.allowedTransitions.map(\.rawValue)
        templateId = plan.templateID?.description
        templateVersion = record.templateVersion
        strengths = plan.profile.strengths
        challenges = plan.profile.challenges
        interests = plan.profile.interests
        aspirations = plan.profile.aspirations
        goals = plan.goals.map { GoalRepresentation($0, plan: plan.id, stamp: record.goalStamps[$0.id], assessment: assessment) }
        summary = Summary(goals: goals.count, achieved: goals.filter { $0.status == GoalStatus.achieved.rawValue }.count,
                          atRisk: goals.filter { $0.status == GoalStatus.atRisk.rawValue }.count,
                          proposed: goals.filter { $0.approval == "proposed" && $0.dropReason == nil }.count)
        etag = PlanRepresentation.etag(of: plan).header
        createdBy = record.createdBy.description
        createdAt = record.createdAt
        updatedAt = record.updatedAt
    }

    static func etag(of plan: Plan) -> EntityTag { EntityTag(kind: "plan", version: plan.version) }
}
