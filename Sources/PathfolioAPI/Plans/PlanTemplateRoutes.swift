import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// Plan templates over HTTP (SPEC §1.5): write (each update a new version; `If-Match`), read,
/// list, and instantiate for learners, a class or a cohort — set-based, a thousand learners
/// per transaction, idempotent (a learner who has a plan from the template is skipped), with
/// progress streamed as NDJSON when asked (`Accept: application/x-ndjson`).
struct PlanTemplateRoutes {
    let context: APIContext

    func register(on router: inout Router) {
        let context = self.context
        router.post("/v1/plan-templates", APIContext.handler { request in
            let body = try await request.jsonBody()
            let draft = try TemplateDraft(RequestObject.parse(body))
            return try await context.creation(request, body: body, reading: { batch, _ in
                batch.add(EvidenceRecordStore.active(among: draft.allCompetencies))
            }) { session, known in
                try session.require(.managePlanTemplates)
                try PlanRoutes.requireKnown(draft.allCompetencies, known: try session.read(known), pointer: "")
                let template = PlanTemplate(id: PlanTemplateID(UUID()), title: draft.title, competencies: draft.competencies,
                                            goalOutlines: draft.outlines)
                session.enqueue(try PlanTemplateStore.insertion(template, version: 1, description: draft.description,
                                                                createdBy: session.personID))
                session.enqueue(AuditLogStore.entry(actor: session.personID, action: "plan_template.create",
                                                    targetType: "plan_template", targetID: template.id.uuid))
                let stored = StoredPlanTemplate(template: template, version: 1, description: draft.description,
                                                createdBy: session.personID, createdAt: session.transactionStartedAt)
                let representation = PlanTemplateRepresentation(stored)
                return .json(representation, status: .created,
                             headers: ["Location": "/v1/plan-templates/\(template.id)", "ETag": representation.etag])
            }
        })

        router.get("/v1/plan-templates", APIContext.handler { request in
            let page = try PageRequest(request, keyCount: 1)
            let after = try page.position { key in PlanTemplateID(key[0]) }
            return try await context.session(request) { session in
                try session.require(.readPlanTemplates)
                let items = try await PlanTemplateStore(connection: session.connection)
                    .templates(after: after, limit: page.limit + 1).map(PlanTemplateRepresentation.init)
                return .json(Page(fetched: items, request: request, page: page) { [$0.id] })
            }
        })

        router.get("/v1/plan-templates/{id}", APIContext.handler { request in
            let id: PlanTemplateID = try request.identifier("id")
            let version: Int? = try request.query("version").map { text throws(APIError) in
                guard let number = Int(text), (1...Int(Int32.max)).contains(number) else {
                    throw .invalidParameter("version", "Must be an integer from 1 to \(Int32.max).")
                }
                return number
            }
            return try await context.session(request) { session in
                try session.require(.readPlanTemplates)
                let versions = try await PlanTemplateStore(connection: session.connection).versions(of: id)
                guard let stored = version.map({ wanted in versions.first { $0.version == wanted } }) ?? versions.first else {
                    throw APIError.notFound
                }
                let representation = PlanTemplateRepresentation(stored)
                return .json(representation, headers: ["ETag": representation.etag])
            }
        })

        router.put("/v1/plan-templates/{id}", APIContext.handler { request in
            let id: PlanTemplateID = try request.identifier("id")
            let draft = try TemplateDraft(RequestObject.parse(try await request.jsonBody()))
            return try await context.session(request, reading: { batch, _ in
                (batch.add(PlanTemplateStore.current(id)), batch.add(EvidenceRecordStore.active(among: draft.allCompetencies)))
            }) { session, reads in
                try session.require(.readPlanTemplates)
                guard let current = try session.read(reads.0) else { throw APIError.notFound }
                try session.require(.managePlanTemplates)
                try PlanTemplateRepresentation.etag(version: current.version).requireMatch(request)
                try PlanRoutes.requireKnown(draft.allCompetencies, known: try session.read(reads.1), pointer: "")
                let template = PlanTemplate(id: id, title: draft.title, competencies: draft.competencies, goalOutlines: draft.outlines)
                let version = current.version + 1
                let inserted = session.enqueue(try PlanTemplateStore.insertion(template, version: version, description: draft.description,
                                                                               createdBy: session.personID))
                session.enqueue(AuditLogStore.entry(actor: session.personID, action: "plan_template.update",
                                                    targetType: "plan_template", targetID: id.uuid))
                // A concurrent update made this version first: nothing of ours is kept.
                guard try await session.flush()(inserted) else { throw APIError.preconditionFailed(currentETag: PlanTemplateRepresentation.etag(version: version).header) }
                let representation = PlanTemplateRepresentation(StoredPlanTemplate(
                    template: template, version: version, description: draft.description, createdBy: session.personID,
                    createdAt: session.transactionStartedAt))
                return .json(representation, headers: ["ETag": representation.etag])
            }
        })

        router.post("/v1/plan-templates/{id}/instantiate", APIContext.handler { request in
            let id: PlanTemplateID = try request.identifier("id")
            let order = try PlanInstantiation(RequestObject.parse(try await request.jsonBody()))
            // Who, resolved and checked in one transaction; then the plans, a batch per transaction.
            let (template, eligible, refused, advisor) = try await context.session(request) { session in
                try session.require(.readPlanTemplates)
                guard let template = try await session.connection.run(PlanTemplateStore.current(id)) else { throw APIError.notFound }
                try session.require(.managePlanTemplates)
                let latest = template.template.goalOutlines.flatMap { [$0.dueAfterDays] + $0.milestones.map(\.afterDays) }.max() ?? 0
                guard order.startDate.adding(days: latest).year <= 9999 else {
                    throw APIError.unprocessable("The template's goals would fall due after the year 9999.",
                                                 errors: [.init(pointer: "/startDate", detail: "Too late for this template's goal dates.")])
                }
                var refused: [PlanInstantiation.Outcome] = []
                let learners: [PersonID]
                switch order.audience {
                case .learners(let named):
                    learners = try await session.connection.run(PlanTemplateStore.learners(among: named))
                    let found = Set(learners)
                    var reported = Set<PersonID>()
                    for person in named where !found.contains(person) && reported.insert(person).inserted {
                        refused.append(.init(learnerId: person.description, planId: nil, result: "not_a_learner"))
                    }
                case .classOf(let classID):
                    guard let members = try await session.connection.run(ClassStore.roster(classID))?.learnerIDs else {
                        throw APIError.unprocessable("No such class.", errors: [.init(pointer: "/classId", detail: "No such class.")])
                    }
                    learners = members
                case .cohort(let name):
                    learners = try await session.connection.run(PlanTemplateStore.learners(ofCohort: name))
                }
                let anyone = session.may(.assignPlans, .institution(session.institutionID))
                var eligible: [PersonID] = []
                for learner in learners {
                    if anyone || session.may(.createPlan, .learner(learner, in: session.institutionID)) {
                        eligible.append(learner)
                    } else {
                        refused.append(.init(learnerId: learner.description, planId: nil, result: "not_in_caseload"))
                    }
                }
                return (template, eligible, refused, anyone ? nil : session.personID)
            }
            let batches = stride(from: 0, to: eligible.count, by: PlanInstantiation.batchSize).map {
                Array(eligible[$0..<min($0 + PlanInstantiation.batchSize, eligible.count)])
            }
            let requested = eligible.count + refused.count
            let run: @Sendable ((Int) async throws -> Void) async throws -> PlanInstantiationSummary = { progress in
                var outcomes: [PlanInstantiation.Outcome] = []
                for batch in batches {
                    let done = try await context.session(request) { session in
                        try await session.connection.run(PlanTemplateStore.instantiation(
                            template, for: batch, startDate: order.startDate, targetDate: order.targetDate, advisor: advisor,
                            actor: session.personID))
                    }
                    outcomes += done.map { .init(learnerId: $0.learnerID.description, planId: $0.planID?.description, result: $0.result.rawValue) }
                    try await progress(outcomes.count)
                }
                let results = outcomes + refused
                let created = outcomes.filter { $0.result == "created" }.count
                return PlanInstantiationSummary(templateId: id.description, templateVersion: template.version, requested: requested,
                                                created: created, skipped: requested - created, results: results)
            }
            guard request.headers["Accept"]?.contains("application/x-ndjson") == true else {
                return .json(try await run { _ in })
            }
            return HTTPResponse(status: .ok, headers: ["Content-Type": "application/x-ndjson"], body: .stream { writer in
                try await writer.write(#"{"event":"started","requested":\#(requested),"eligible":\#(eligible.count)}"# + "\n")
                let summary = try await run { done in
                    try await writer.write(#"{"event":"progress","done":\#(done),"of":\#(eligible.count)}"# + "\n")
                }
                try await writer.write(APIJSON.encode(summary) + Array("\n".utf8))
            })
        })
    }
}
