import PathfolioCore
import PathfolioInterop

/// The editable content of a plan as JSON — what its history diffs (``JSONChanges``): plan
/// fields, and goals keyed by id, so a change reads `/goals/{id}/dueDate`.
enum PlanSnapshot {
    static func of(_ plan: Plan) -> JSONValue {
        .object(JSONObject([
            JSONMember("title", .string(plan.title)),
            JSONMember("startDate", .string(plan.startDate.description)),
            JSONMember("targetDate", .string(plan.targetDate.description)),
            JSONMember("status", .string(plan.status.rawValue)),
            JSONMember("advisorIds", .array(plan.advisorIDs.map { .string($0.description) })),
            JSONMember("strengths", .string(plan.profile.strengths)),
            JSONMember("challenges", .string(plan.profile.challenges)),
            JSONMember("interests", .string(plan.profile.interests)),
            JSONMember("aspirations", .string(plan.profile.aspirations)),
            JSONMember("goals", .object(JSONObject(plan.goals.map { JSONMember($0.id.description, of($0)) }))),
        ]))
    }

    static func of(_ goal: Goal) -> JSONValue {
        var members = [
            JSONMember("statement", .string(goal.statement)),
            JSONMember("kind", .string(goal.kind.rawValue)),
            JSONMember("targetCompetencyIds", .array(goal.targets.map { .string($0.description) })),
            JSONMember("targetLevel", goal.targetLevel.map { .string($0.description) } ?? .null),
            JSONMember("dueDate", .string(goal.dueDate.description)),
            JSONMember("milestones", .array(goal.milestones.map { milestone in
                .object(JSONObject([JSONMember("dueDate", .string(milestone.dueDate.description)),
                                    JSONMember("competencyIds", .array(milestone.competencies.map { .string($0.description) }))]))
            })),
        ]
        switch goal.approval {
        case .proposed(let by): members.append(JSONMember("proposedBy", .string(by.description)))
        case .approved(let by): members.append(JSONMember("approvedBy", .string(by.description)))
        }
        if let reason = goal.dropReason { members.append(JSONMember("dropReason", .string(reason))) }
        return .object(JSONObject(members))
    }
}
