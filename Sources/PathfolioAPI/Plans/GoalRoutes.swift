import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// A plan's goals over HTTP (SPEC §1.5): learners propose, advisors write and approve; an
/// advisor drops a goal with a reason. Each change needs the goal's ETag in `If-Match`.
struct GoalRoutes {
    let context: APIContext

    /// `PATCH /v1/goals/{id}` members beyond the goal's own: `approved: true` approves a
    /// proposal, `dropReason` drops the goal (both the advisors').
    static let patchMembers = GoalDraft.members.union(["approved", "dropReason"])

    func register(on router: inout Router) {
        let context = self.context
        router.post("/v1/plans/{id}/goals", APIContext.handler { request in
            let id: PlanID = try request.identifier("id")
            let body = try await request.jsonBody()
            let input = try RequestObject.parse(body)
            input.rejectUnknown(besides: GoalDraft.members)
            let draft = GoalDraft(input, partial: false)
            try input.log.check()
            return try await context.creation(request, body: body, reading: { batch, _ in
                batch.add(EvidenceRecordStore.active(among: draft.competencies))
            }) { session, known in
                var edit = try await PlanEdit(id, in: session)
                let learner = edit.plan.learnerID
                let approval: Goal.Approval
                if session.may(.editPlan, .learner(learner, in: session.institutionID)) {
                    approval = .approved(by: session.personID)
                } else if session.may(.proposeGoal, .learner(learner, in: session.institutionID)) {
                    approval = .proposed(by: session.personID)
                } else {
                    throw APIError.forbidden("Only the learner (proposing) and their advisors add goals.")
                }
                try PlanRoutes.requireKnown(draft.competencies, known: try session.read(known), pointer: "/targetCompetencyIds")
                let goal = try draft.goal(id: GoalID(UUID()), over: nil, approval: approval)
                try edit.apply(.addGoal(goal))
                let saved = try edit.save(action: goal.isApproved ? "goal.add" : "goal.propose")
                let plan = try await PlanRoutes.representation(saved, in: session)
                guard let created = plan.goals.first(where: { $0.id == goal.id.description }) else { throw APIError.notFound }
                return .json(created, status: .created, headers: ["Location": "/v1/goals/\(goal.id)", "ETag": created.etag])
            }
        })

        router.get("/v1/goals/{id}", APIContext.handler { request in
            let id: GoalID = try request.identifier("id")
            return try await context.session(request, reading: { batch, _ in
                batch.add(PlanRecordStore.record(holding: id))
            }) { session, read in
                guard let record = try session.read(read) else { throw APIError.notFound }
                try session.require(.readPlan, learner: record.plan.learnerID)
                let plan = try await PlanRoutes.representation(record, in: session)
                guard let goal = plan.goals.first(where: { $0.id == id.description }) else { throw APIError.notFound }
                return .json(goal, headers: ["ETag": goal.etag])
            }
        })

        router.patch("/v1/goals/{id}", APIContext.handler { request in
            let id: GoalID = try request.identifier("id")
            let input = try RequestObject.parse(try await request.patchBody())
            input.rejectUnknown(besides: Self.patchMembers)
            let draft = GoalDraft(input, partial: true)
            let approved = input.bool("approved", required: false)
            let dropReason = input.string("dropReason", required: false, maximumLength: 2000)
            if approved == false { input.log.add("/approved", "Approval cannot be withdrawn; drop the goal instead.") }
            try input.log.check()
            guard !input.object.isEmpty else { throw APIError.invalid("", "Name at least one member to change.") }
            return try await context.session(request) { session in
                var edit = try await PlanEdit(holding: id, in: session)
                guard let goal = edit.plan.goal(id) else { throw APIError.notFound }
                let learner = edit.plan.learnerID
                let isAdvisor = session.may(.editPlan, .learner(learner, in: session.institutionID))
                if !isAdvisor {
                    guard session.may(.proposeGoal, .learner(learner, in: session.institutionID)) else {
                        throw APIError.forbidden("Only the plan's advisors change its goals.")
                    }
                    guard approved == nil, dropReason == nil, goal.approval == .proposed(by: session.personID) else {
                        throw APIError.forbidden("A learner edits only their own goal proposals before approval; advisors approve and drop goals.")
                    }
                }
                let stamp = edit.original.goalStamps[id]
                try EntityTag(kind: "goal", version: stamp?.version ?? 1).requireMatch(request)
                guard !goal.isDropped else { throw PlanEdit.problem(.goalDropped(id)) }
                let known = try await session.connection.run(EvidenceRecordStore.active(among: draft.competencies))
                try PlanRoutes.requireKnown(draft.competencies, known: known, pointer: "/targetCompetencyIds")
                var action = "goal.update"
                if !GoalDraft.members.isDisjoint(with: input.object.keys) {
                    try edit.apply(.editGoal(try draft.goal(id: id, over: goal, approval: goal.approval)))
                }
                if approved == true, !goal.isApproved {
                    try edit.apply(.approveGoal(id))
                    action = "goal.approve"
                }
                if let dropReason {
                    try edit.apply(.dropGoal(id, reason: dropReason))
                    action = "goal.drop"
                }
                let saved = try edit.save(action: action)
                let plan = try await PlanRoutes.representation(saved, in: session)
                guard let changed = plan.goals.first(where: { $0.id == id.description }) else { throw APIError.notFound }
                return .json(changed, headers: ["ETag": changed.etag])
            }
        })
    }
}
