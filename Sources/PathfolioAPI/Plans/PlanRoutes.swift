import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// Individual learning plans over HTTP (SPEC §1.5): create, list, read (goals judged now),
/// edit (`PATCH`, `If-Match`), move through the workflow, read the history, comment.
/// Goals are in ``GoalRoutes``, templates in ``PlanTemplateRoutes``.
struct PlanRoutes {
    let context: APIContext

    func register(on router: inout Router) {
        let context = self.context
        router.post("/v1/learners/{id}/plans", APIContext.handler { request in
            let learner: PersonID = try request.identifier("id")
            let body = try await request.jsonBody()
            let input = try RequestObject.parse(body)
            input.rejectUnknown(besides: PlanDraft.members.union(["goals"]))
            let draft = PlanDraft(input, partial: false)
            let goals = input.array("goals", count: 0...50, required: false) { element -> GoalDraft? in
                element.object.map { object in
                    object.rejectUnknown(besides: GoalDraft.members)
                    return GoalDraft(object, partial: false)
                }
            } ?? []
            try input.log.check()
            let competencies = goals.flatMap(\.competencies)
            return try await context.creation(request, body: body, reading: { batch, _
                -> (PostgresBatch.Slot<Set<CompetencyID>>, PostgresBatch.Slot<Set<PersonID>>) in
                (batch.add(EvidenceRecordStore.active(among: competencies)),
                 batch.add(PlanRecordStore.advisors(of: learner, among: draft.advisors ?? [])))
            }) { session, reads in
                try session.require(.createPlan, learner: learner)
                let advisors = draft.advisors ?? [session.personID]
                try PlanRoutes.requireAdvising(advisors, advising: draft.advisors == nil ? [session.personID] : try session.read(reads.1))
                try PlanRoutes.requireKnown(competencies, known: try session.read(reads.0), pointer: "/goals")
                var made: [Goal] = []
                for (index, goal) in goals.enumerated() {
                    do {
                        made.append(try goal.goal(id: GoalID(UUID()), over: nil, approval: .approved(by: session.personID)))
                    } catch let error as APIError {
                        throw error.prefixed("/goals/\(index)")
                    }
                }
                let plan: Plan
                do {
                    plan = try Plan(id: PlanID(UUID()), institutionID: session.institutionID, learnerID: learner,
                                    advisorIDs: advisors, title: draft.title!, startDate: draft.startDate!,
                                    targetDate: draft.targetDate!, goals: made, profile: draft.profile(over: LearnerProfile()))
                } catch let refusal as Plan.Refusal {
                    throw PlanEdit.problem(refusal)
                }
                session.enqueue(try PlanRecordStore.insertion(plan, templateVersion: nil, createdBy: session.personID))
                let changes = JSONChanges.between(nil, PlanSnapshot.of(plan))
                session.enqueue(PlanRecordStore.historyEntry(plan: plan.id, version: plan.version, actor: session.personID,
                                                             action: "plan.create", changes: JSONChanges.stored(changes)))
                session.enqueue(AuditLogStore.entry(actor: session.personID, action: "plan.create", targetType: "plan",
                                                    targetID: plan.id.uuid))
                let stamps = Dictionary(uniqueKeysWithValues: plan.goals.map {
                    ($0.id, GoalStamp(version: 1, proposedBy: session.personID, droppedBy: nil, updatedAt: session.transactionStartedAt))
                })
                let record = PlanRecord(plan: plan, templateVersion: nil, createdBy: session.personID,
                                        createdAt: session.transactionStartedAt, updatedAt: session.transactionStartedAt,
                                        goalStamps: stamps)
                let representation = try await PlanRoutes.representation(record, in: session)
                return .json(representation, status: .created,
                             headers: ["Location": "/v1/plans/\(plan.id)", "ETag": representation.etag])
            }
        })

        router.get("/v1/learners/{id}/plans", APIContext.handler { request in
            let learner: PersonID = try request.identifier("id")
            let page = try PageRequest(request, keyCount: 2)
            let after = try page.position { key in Timestamp.parse(key[0]).flatMap { date in PlanID(key[1]).map { (date, $0) } } }
            return try await context.session(request, reading: { batch, _ in
                (batch.add(PlanRecordStore.records(of: learner, after: after, limit: page.limit + 1)),
                 batch.add(MasteryStateStore.states(of: learner)), batch.add(InstitutionStore.timeZone()),
                 batch.add(EarlyWarningSettingsStore.current()))
            }) { session, reads in
                try session.require(.readPlan, learner: learner)
                let catalog = try await session.catalog()
                let states = try session.read(reads.1)
                let timeZone = try session.read(reads.2)
                let window = try session.read(reads.3).thresholds.pacingWindowDays
                let items = try session.read(reads.0).map { record in
                    PlanRepresentation(record, assessment: PlanAssessment(
                        record.plan, states: states, catalog: catalog, now: session.now, timeZone: timeZone,
                        windowDays: window))
                }
                return .json(Page(fetched: items, request: request, page: page) { [Timestamp.format($0.createdAt), $0.id] })
            }
        })

        router.get("/v1/plans/{id}", APIContext.handler { request in
            let id: PlanID = try request.identifier("id")
            return try await context.session(request, reading: { batch, _ in
                batch.add(PlanRecordStore.record(id))
            }) { session, read in
                guard let record = try session.read(read) else { throw APIError.notFound }
                try session.require(.readPlan, learner: record.plan.learnerID)
                let representation = try await PlanRoutes.representation(record, in: session)
                if request.headers["If-None-Match"]?.contains(representation.etag) == true {
                    return HTTPResponse(status: .notModified, headers: ["ETag": representation.etag])
                }
                return .json(representation, headers: ["ETag": representation.etag])
            }
        })

        router.patch("/v1/plans/{id}", APIContext.handler { request in
            let id: PlanID = try request.identifier("id")
            let input = try RequestObject.parse(try await request.patchBody())
            input.rejectUnknown(besides: PlanDraft.members)
            let draft = PlanDraft(input, partial: true)
            try input.log.check()
            guard !input.object.isEmpty else { throw APIError.invalid("", "Name at least one member to change.") }
            return try await context.session(request) { session in
                var edit = try await PlanEdit(id, in: session)
                let learner = edit.plan.learnerID
                if !session.may(.editPlan, .learner(learner, in: session.institutionID)) {
                    // The learner writes their own profile; the rest is their advisors'.
                    guard session.personID == learner, !draft.changesMoreThanProfile else {
                        throw APIError.forbidden("Only the plan's advisors may change its title, dates and advisors; the learner may change strengths, challenges, interests and aspirations.")
                    }
                }
                try PlanRoutes.etag(of: edit.plan).requireMatch(request)
                if let advisors = draft.advisors {
                    try PlanRoutes.requireAdvising(
                        advisors, advising: try await session.connection.run(PlanRecordStore.advisors(of: learner, among: advisors)))
                    try edit.apply(.replaceAdvisors(advisors))
                }
                if let title = draft.title { try edit.apply(.rename(title)) }
                if draft.startDate != nil || draft.targetDate != nil {
                    try edit.apply(.reschedule(start: draft.startDate ?? edit.plan.startDate, target: draft.targetDate ?? edit.plan.targetDate))
                }
                let profile = draft.profile(over: edit.plan.profile)
                if profile != edit.plan.profile { try edit.apply(.describeLearner(profile)) }
                let saved = try edit.save(action: "plan.update")
                let representation = try await PlanRoutes.representation(saved, in: session)
                return .json(representation, headers: ["ETag": representation.etag])
            }
        })

        router.post("/v1/plans/{id}/transitions", APIContext.handler { request in
            let id: PlanID = try request.identifier("id")
            let input = try RequestObject.parse(try await request.jsonBody())
            input.rejectUnknown(besides: ["to"])
            let target = input.choice("to", PlanStatus.self)
            try input.log.check()
            return try await context.session(request) { session in
                var edit = try await PlanEdit(id, in: session)
                let learner = edit.plan.learnerID
                let from = edit.plan.status
                if !session.may(.transitionPlan, .learner(learner, in: session.institutionID)) {
                    guard session.may(.requestPlanReview, .learner(learner, in: session.institutionID)) else {
                        throw APIError.forbidden("Only the plan's advisors move it through its workflow.")
                    }
                    guard from == .draft, target == .inReview else {
                        throw APIError.forbidden("A learner may only ask for a review of a draft (draft → in_review); the advisors do the rest.")
                    }
                }
                try PlanRoutes.etag(of: edit.plan).requireMatch(request)
                try edit.apply(.transition(from: from, to: target!))
                let saved = try edit.save(action: "plan.transition")
                let representation = try await PlanRoutes.representation(saved, in: session)
                return .json(representation, headers: ["ETag": representation.etag])
            }
        })

        router.get("/v1/plans/{id}/history", APIContext.handler { request in
            let id: PlanID = try request.identifier("id")
            let page = try PageRequest(request, keyCount: 1)
            let after = try page.position { key in Int64(key[0]) }
            return try await context.session(request, reading: { batch, _ in
                batch.add(PlanRecordStore.record(id))
            }) { session, read in
                guard let record = try session.read(read) else { throw APIError.notFound }
                try session.require(.readPlan, learner: record.plan.learnerID)
                let entries = try await PlanRecordStore(connection: session.connection)
                    .history(of: id, after: after, limit: page.limit + 1).map(PlanHistoryRepresentation.init)
                return .json(Page(fetched: entries, request: request, page: page) { [String($0.sequence)] })
            }
        })

        router.post("/v1/plans/{id}/comments", APIContext.handler { request in
            let id: PlanID = try request.identifier("id")
            let body = try await request.jsonBody()
            let input = try RequestObject.parse(body)
            input.rejectUnknown(besides: ["body", "inReplyTo", "goalId"])
            let text = input.string("body", maximumLength: 10_000)
            let reply: Identifier<PlanComment>? = input.identifier("inReplyTo", required: false)
            let goal: GoalID? = input.identifier("goalId", required: false)
            try input.log.check()
            return try await context.creation(request, body: body, reading: { batch, _ in
                (batch.add(PlanRecordStore.record(id)), reply.map { batch.add(PlanRecordStore.comment($0.uuid, of: id)) })
            }) { session, reads in
                guard let record = try session.read(reads.0) else { throw APIError.notFound }
                try session.require(.readPlan, learner: record.plan.learnerID)
                guard session.may(.commentOnPlan, .learner(record.plan.learnerID, in: session.institutionID)) else {
                    throw APIError.forbidden("Only the learner and their advisors comment on a plan.")
                }
                if let goal, record.plan.goal(goal) == nil {
                    throw APIError.unprocessable("No such goal in this plan.", errors: [.init(pointer: "/goalId", detail: "Not a goal of this plan.")])
                }
                if let slot = reads.1 {
                    guard let parent = try session.read(slot) else {
                        throw APIError.unprocessable("No such comment on this plan.", errors: [.init(pointer: "/inReplyTo", detail: "Not a comment of this plan.")])
                    }
                    guard parent.inReplyTo == nil else {
                        throw APIError.unprocessable("Replies go to top-level comments (one level of threading).",
                                                     errors: [.init(pointer: "/inReplyTo", detail: "This comment is itself a reply; answer \(parent.inReplyTo!) instead.")])
                    }
                }
                let comment = PlanComment(id: UUID(), planID: id, authorID: session.personID, body: text!, inReplyTo: reply?.uuid,
                                          goalID: goal, createdAt: session.transactionStartedAt)
                session.enqueue(PlanRecordStore.commentInsertion(comment))
                session.enqueue(AuditLogStore.entry(actor: session.personID, action: "plan.comment", targetType: "plan", targetID: id.uuid))
                return .json(PlanCommentRepresentation(comment), status: .created,
                             headers: ["Location": "/v1/plans/\(id)/comments/\(comment.id.uuidString.lowercased())"])
            }
        })

        router.get("/v1/plans/{id}/comments", APIContext.handler { request in
            let id: PlanID = try request.identifier("id")
            let page = try PageRequest(request, keyCount: 2)
            let after = try page.position { key in Timestamp.parse(key[0]).flatMap { date in UUID(uuidString: key[1]).map { (date, $0) } } }
            return try await context.session(request, reading: { batch, _ in
                batch.add(PlanRecordStore.record(id))
            }) { session, read in
                guard let record = try session.read(read) else { throw APIError.notFound }
                try session.require(.readPlan, learner: record.plan.learnerID)
                let comments = try await PlanRecordStore(connection: session.connection)
                    .comments(of: id, after: after, limit: page.limit + 1).map(PlanCommentRepresentation.init)
                return .json(Page(fetched: comments, request: request, page: page) { [Timestamp.format($0.createdAt), $0.id] })
            }
        })
    }

    static func etag(of plan: Plan) -> EntityTag { PlanRepresentation.etag(of: plan) }

    /// The plan with its goals judged against the learner's mastery now.
    static func representation(_ record: PlanRecord, in session: Session) async throws -> PlanRepresentation {
        var batch = PostgresBatch()
        let states = batch.add(MasteryStateStore.states(of: record.plan.learnerID))
        let timeZone = batch.add(InstitutionStore.timeZone())
        let settings = batch.add(EarlyWarningSettingsStore.current())
        let results = try await session.connection.send(batch)
        try results.check()
        let catalog = try await session.catalog()
        return PlanRepresentation(record, assessment: PlanAssessment(
            record.plan, states: try results(states), catalog: catalog, now: session.now, timeZone: try results(timeZone),
            windowDays: try results(settings).thresholds.pacingWindowDays))
    }

    /// 422 naming each of `advisors` who does not advise the plan's learner (`advising`).
    static func requireAdvising(_ advisors: [PersonID], advising: Set<PersonID>) throws(APIError) {
        let strangers = advisors.enumerated().filter { !advising.contains($0.element) }
        guard strangers.isEmpty else {
            throw APIError.unprocessable("Every advisor of a plan must advise its learner.",
                                         errors: strangers.map { .init(pointer: "/advisorIds/\($0.offset)", detail: "Does not advise this learner.") })
        }
    }

    /// 422 naming each of `ids` that is not an active competency of the institution.
    static func requireKnown(_ ids: [CompetencyID], known: Set<CompetencyID>, pointer: String) throws(APIError) {
        let unknown = Set(ids).subtracting(known)
        guard unknown.isEmpty else {
            throw APIError.unprocessable("Plans and templates name only competencies of this institution's frameworks.",
                                         errors: unknown.sorted().map { .init(pointer: pointer, detail: "No such competency: \($0).") })
        }
    }
}

extension HTTPRequest {
    /// A `PATCH` body: JSON, sent as `application/json` or `application/merge-patch+json`
    /// (RFC 7396: members present are set, `null` clears what may be cleared).
    func patchBody() async throws -> [UInt8] {
        if let type = headers["Content-Type"]?.lowercased(),
           !type.hasPrefix("application/json"), !type.hasPrefix("application/merge-patch+json") {
            throw APIError.unsupportedMediaType("The body must be application/merge-patch+json or application/json.")
        }
        do {
            return try await body.collect(upTo: 1 << 20)
        } catch HTTPBodyError.tooLarge(let limit) {
            throw APIError.contentTooLarge(limit: limit)
        }
    }
}

extension APIError {
    /// The same error with its body pointers under `prefix` (a goal's errors inside `goals[i]`).
    func prefixed(_ prefix: String) -> APIError {
        switch self {
        case .badRequest(let detail, let errors): .badRequest(detail, errors: errors.map { $0.prefixed(prefix) })
        case .unprocessable(let detail, let errors): .unprocessable(detail, errors: errors.map { $0.prefixed(prefix) })
        default: self
        }
    }
}
