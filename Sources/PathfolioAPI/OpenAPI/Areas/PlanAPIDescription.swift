import PathfolioCore
import PathfolioInterop

/// `PlanRoutes`, `GoalRoutes` and `PlanTemplateRoutes`: individual learning plans (SPEC §1.5).
enum PlanAPIDescription {
    private static let readers = OpenAPIOperation.Access.roles(
        [.learner, .advisor, .assessor, .registrar],
        scope: "Learners their own plans; advisors their caseload's; assessors those of the learners they teach; registrars anyone's. Anyone else's answers 404.")
    private static let editors = OpenAPIOperation.Access.roles(
        [.learner, .advisor],
        scope: "The plan's learner (what the description allows) and the advisors of their caseload; others who may read the plan get 403, anyone else 404.")
    private static let templateReaders = OpenAPIOperation.Access.roles([.advisor, .registrar, .admin], scope: "The institution's templates.")
    private static let templateWriters = OpenAPIOperation.Access.roles([.advisor, .admin], scope: "The institution's templates.")
    private static let planID = OpenAPIOperation.Parameter.path("id", "The plan.")
    private static let goalID = OpenAPIOperation.Parameter.path("id", "The goal.")
    private static let templateID = OpenAPIOperation.Parameter.path("id", "The template.")
    private static let ifMatch = OpenAPIOperation.Parameter.header(
        "If-Match", "The ETag last read (RFC 9110 §13.1.1). Without it 428; when the record changed since, 412 with the current ETag.")
    private static let etagHeader: JSONValue = .object(JSONObject([
        "description": .string("The record's version, quoted."), "required": .bool(true),
        "schema": JSONSchema.string(pattern: #"^"(plan|goal|template)-[0-9]+"$"#).json,
    ]))
    private static let guarded: [OpenAPIOperation.Response] = [
        .badRequest, .forbidden, .notFound, .conflict, .preconditionFailed, .contentTooLarge, .unsupportedMediaType,
        .unprocessable, .preconditionRequired,
    ]

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .post, path: "/v1/learners/{id}/plans", operationId: "createPlan", summary: "Create a plan for a learner",
            description: "A draft plan with optional goals (approved by the advisor writing them). `advisorIds` defaults to the caller; each must advise the learner (422 names any other). Every competency named must be one of the institution's (422).",
            tag: "plans", access: .roles([.advisor], scope: "Advisors, for the learners of their caseload. Anyone else's answers 404."),
            parameters: [.path("id", "The learner.")],
            requestBody: .json(.reference("PlanCreation"), "The plan."),
            responses: [
                .json(201, "Created, as `GET /v1/plans/{id}` shows it.", .reference("Plan"),
                      headers: ["Location": OpenAPIComponents.location("/v1/plans/{id}"), "ETag": etagHeader,
                                "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .notFound, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),

        OpenAPIOperation(
            method: .get, path: "/v1/learners/{id}/plans", operationId: "listPlans", summary: "A learner's plans",
            description: "Newest first, each with its goals judged now.",
            tag: "plans", access: readers, parameters: [.path("id", "The learner."), .limit, .cursor],
            responses: [.json(200, "A page of plans.", .reference("PlanPage")), .badRequest, .notFound]),

        OpenAPIOperation(
            method: .get, path: "/v1/plans/{id}", operationId: "getPlan", summary: "A plan with its goals judged now",
            description: "Each goal's status is derived: `achieved` when every target reached the target level (mastered without one); otherwise `on_track`/`at_risk` from pacing — the learner's rate of reaching targets over the institution's window, projected to the due date, with every number in `pacing` — or `not_started`; `dropped` when an advisor dropped it. `nextSteps` are the competencies ready to learn toward the goal and the unmastered prerequisites blocking it. `If-None-Match` with the current ETag answers 304.",
            tag: "plans", access: readers, parameters: [planID],
            responses: [
                .json(200, "The plan.", .reference("Plan"), headers: ["ETag": etagHeader]),
                .empty(304, "The client's copy is current.", headers: ["ETag": etagHeader]),
                .notFound,
            ]),

        OpenAPIOperation(
            method: .patch, path: "/v1/plans/{id}", operationId: "updatePlan", summary: "Change a plan",
            description: "JSON merge patch (`application/merge-patch+json` or `application/json`): members present are set. Advisors change anything here; the learner only `strengths`, `challenges`, `interests`, `aspirations` (403 otherwise). Completed and archived plans refuse changes (409). A patch that changes nothing keeps the version. Every change is kept in the history with its diff.",
            tag: "plans", access: editors, parameters: [planID, ifMatch],
            requestBody: .json(.reference("PlanPatch"), "The members to set."),
            responses: [.json(200, "The changed plan.", .reference("Plan"), headers: ["ETag": etagHeader])] + guarded),

        OpenAPIOperation(
            method: .post, path: "/v1/plans/{id}/transitions", operationId: "transitionPlan", summary: "Move a plan through its workflow",
            description: "`draft` → `in_review` | `active` | `archived`; `in_review` → `draft` | `active`; `active` → `completed` | `archived`. Any other move answers 409 naming the allowed ones. The learner may only ask for a review of a draft (403 otherwise).",
            tag: "plans", access: editors, parameters: [planID, ifMatch],
            requestBody: .json(.reference("PlanTransition"), "The status to move to."),
            responses: [.json(200, "The plan in its new status.", .reference("Plan"), headers: ["ETag": etagHeader])] + guarded),

        OpenAPIOperation(
            method: .get, path: "/v1/plans/{id}/history", operationId: "getPlanHistory", summary: "Every change to a plan",
            description: "Oldest first: who, when, the version it made, and what changed as `{op, path, from, value}` (JSON pointers into the plan; goals under `/goals/{goalId}`).",
            tag: "plans", access: readers, parameters: [planID, .limit, .cursor],
            responses: [.json(200, "A page of history.", .reference("PlanHistoryPage")), .badRequest, .notFound]),

        OpenAPIOperation(
            method: .post, path: "/v1/plans/{id}/comments", operationId: "commentOnPlan", summary: "Comment on a plan",
            description: "Comments are a flat list with one level of threading: `inReplyTo` names a top-level comment of the plan (a reply to a reply answers 422). `goalId` ties the comment to a goal. The learner and their advisors comment (others who read the plan get 403). Comments do not change the plan's version.",
            tag: "plans", access: editors, parameters: [planID],
            requestBody: .json(.reference("PlanCommentCreation"), "The comment."),
            responses: [
                .json(201, "Posted.", .reference("PlanComment"),
                      headers: ["Location": OpenAPIComponents.location("/v1/plans/{id}/comments/{commentId}"), "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .forbidden, .notFound, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),

        OpenAPIOperation(
            method: .get, path: "/v1/plans/{id}/comments", operationId: "listPlanComments", summary: "A plan's comments",
            description: "Oldest first.", tag: "plans", access: readers, parameters: [planID, .limit, .cursor],
            responses: [.json(200, "A page of comments.", .reference("PlanCommentPage")), .badRequest, .notFound]),

        OpenAPIOperation(
            method: .post, path: "/v1/plans/{id}/goals", operationId: "addGoal", summary: "Add a goal (advisors) or propose one (the learner)",
            description: "An advisor's goal is approved at once; the learner's is `proposed` until an advisor approves it with `PATCH /v1/goals/{id}`.",
            tag: "plans", access: editors, parameters: [planID],
            requestBody: .json(.reference("GoalCreation"), "The goal."),
            responses: [
                .json(201, "Added.", .reference("Goal"), headers: ["Location": OpenAPIComponents.location("/v1/goals/{id}"), "ETag": etagHeader,
                                                             "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .forbidden, .notFound, .conflict, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),

        OpenAPIOperation(
            method: .get, path: "/v1/goals/{id}", operationId: "getGoal", summary: "One goal, judged now",
            description: "", tag: "plans", access: readers, parameters: [goalID],
            responses: [.json(200, "The goal.", .reference("Goal"), headers: ["ETag": etagHeader]), .notFound]),

        OpenAPIOperation(
            method: .patch, path: "/v1/goals/{id}", operationId: "updateGoal", summary: "Change, approve or drop a goal",
            description: "JSON merge patch of the goal's members (`targetLevel: null` clears the level); `approved: true` approves a proposal and `dropReason` drops the goal — both advisors' (403 for the learner, who may only edit their own proposals before approval). A dropped goal refuses every change (409). Needs the goal's ETag in `If-Match`.",
            tag: "plans", access: editors, parameters: [goalID, ifMatch],
            requestBody: .json(.reference("GoalPatch"), "The members to set."),
            responses: [.json(200, "The changed goal.", .reference("Goal"), headers: ["ETag": etagHeader])] + guarded),

        OpenAPIOperation(
            method: .post, path: "/v1/plan-templates", operationId: "createPlanTemplate", summary: "Write a plan template",
            description: "Competencies and goal outlines whose dates are days after a plan's start. Version 1.",
            tag: "plans", access: templateWriters,
            requestBody: .json(.reference("PlanTemplateCreation"), "The template."),
            responses: [
                .json(201, "Created.", .reference("PlanTemplate"), headers: ["Location": OpenAPIComponents.location("/v1/plan-templates/{id}"),
                                                                         "ETag": etagHeader, "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .notFound, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),

        OpenAPIOperation(
            method: .get, path: "/v1/plan-templates", operationId: "listPlanTemplates", summary: "The institution's plan templates",
            description: "Current versions, by id.", tag: "plans", access: templateReaders, parameters: [.limit, .cursor],
            responses: [.json(200, "A page of templates.", .reference("PlanTemplatePage")), .badRequest, .notFound]),

        OpenAPIOperation(
            method: .get, path: "/v1/plan-templates/{id}", operationId: "getPlanTemplate", summary: "A plan template",
            description: "The current version, or `version`.", tag: "plans", access: templateReaders,
            parameters: [templateID, .query("version", "A past version.", schema: .integer(minimum: 1, maximum: 2_147_483_647))],
            responses: [.json(200, "The template.", .reference("PlanTemplate"), headers: ["ETag": etagHeader]), .badRequest, .notFound]),

        OpenAPIOperation(
            method: .put, path: "/v1/plan-templates/{id}", operationId: "updatePlanTemplate", summary: "Write a new version of a template",
            description: "The whole template; it becomes the next version (plans keep the version they came from). Needs the current ETag in `If-Match`.",
            tag: "plans", access: templateWriters, parameters: [templateID, ifMatch],
            requestBody: .json(.reference("PlanTemplateCreation"), "The template."),
            responses: [.json(200, "The new version.", .reference("PlanTemplate"), headers: ["ETag": etagHeader]),
                        .badRequest, .notFound, .preconditionFailed, .contentTooLarge, .unsupportedMediaType, .unprocessable,
                        .preconditionRequired]),

        OpenAPIOperation(
            method: .post, path: "/v1/plan-templates/{id}/instantiate", operationId: "instantiatePlanTemplate",
            summary: "Make draft plans from a template for learners, a class or a cohort",
            description: "Set-based, a thousand learners per transaction (a failure keeps the batches before it; running again completes the rest). Idempotent: a learner who already has a plan from this template is skipped (`already_planned`). Admins plan for any learner, each plan going to the learner's advisors (`no_advisor` when they have none); an advisor plans for their caseload (`not_in_caseload` for others) as the plans' advisor. With `Accept: application/x-ndjson` the answer streams `started` and `progress` lines, then the summary.",
            tag: "plans", access: templateWriters, parameters: [templateID],
            requestBody: .json(.reference("PlanInstantiation"), "Who, and the plans' dates."),
            responses: [
                .custom(200, JSONObject([
                    "description": .string("What happened to each learner."),
                    "content": .object(JSONObject([
                        "application/json": .object(JSONObject(["schema": JSONSchema.reference("PlanInstantiationSummary").json])),
                        "application/x-ndjson": .object(JSONObject(["schema": JSONSchema.string().json])),
                    ])),
                ])),
                .badRequest, .notFound, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ]),
    ]

    // MARK: - Schemas

    private static let points = OpenAPIComponents.points.described("Points each target must reach: a number with at most two decimal places, or the same as a string.")
    private static let competencyIDs = JSONSchema.array(of: .uuid, minItems: 1, maxItems: 100, uniqueItems: true)
    private static let milestoneInput = JSONSchema.object(required: ["dueDate": .date, "competencyIds": .array(of: .uuid, minItems: 1, maxItems: 100)])
    private static let profileMembers: [(String, JSONSchema)] = ["strengths", "challenges", "interests", "aspirations"].map {
        ($0, OpenAPIComponents.anyText(maxLength: 10_000).orNull)
    }
    private static let goalStatuses = JSONSchema.enumeration(["not_started", "on_track", "at_risk", "achieved", "dropped"])
    private static let planStatuses = JSONSchema.enumeration(PlanStatus.allCases.map(\.rawValue))

    private static func atLeastOneMember(_ schema: JSONSchema) -> JSONSchema {
        var object = schema.object
        object["minProperties"] = .number("1")
        return JSONSchema(object)
    }

    static let goalCreation = JSONSchema.object(
        required: ["statement": OpenAPIComponents.text(maxLength: 1000), "kind": .enumeration(GoalKind.allCases.map(\.rawValue)),
                   "targetCompetencyIds": competencyIDs, "dueDate": .date],
        optional: ["targetLevel": points.orNull, "milestones": JSONSchema.array(of: milestoneInput, maxItems: 20).orNull])

    static let schemas: KeyValuePairs<String, JSONSchema> = [
        "PlanCreation": .object(
            members: [("title", OpenAPIComponents.text(maxLength: 300)), ("startDate", .date), ("targetDate", .date)],
            optionalMembers: [("advisorIds", JSONSchema.array(of: .uuid, minItems: 1, maxItems: 20, uniqueItems: true).orNull),
                              ("goals", JSONSchema.array(of: goalCreation, maxItems: 50).orNull)] + profileMembers),
        "PlanPatch": atLeastOneMember(.object(
            members: [],
            optionalMembers: [("title", OpenAPIComponents.text(maxLength: 300).orNull), ("startDate", JSONSchema.date.orNull),
                              ("targetDate", JSONSchema.date.orNull),
                              ("advisorIds", JSONSchema.array(of: .uuid, minItems: 1, maxItems: 20, uniqueItems: true).orNull)]
                + profileMembers)),
        "PlanTransition": .object(required: ["to": planStatuses]),
        "PlanCommentCreation": .object(
            required: ["body": OpenAPIComponents.text(maxLength: 10_000)],
            optional: ["inReplyTo": JSONSchema.uuid.orNull, "goalId": JSONSchema.uuid.orNull]),
        "GoalCreation": goalCreation,
        "GoalPatch": atLeastOneMember(.object(
            required: [:],
            optional: ["statement": OpenAPIComponents.text(maxLength: 1000).orNull,
                       "kind": JSONSchema.enumeration(GoalKind.allCases.map(\.rawValue)).orNull,
                       "targetCompetencyIds": competencyIDs.orNull, "targetLevel": points.orNull, "dueDate": JSONSchema.date.orNull,
                       "milestones": JSONSchema.array(of: milestoneInput, maxItems: 20).orNull,
                       "approved": JSONSchema(JSONObject(["enum": .array([.bool(true), .null])])).described("`true` approves a proposed goal."),
                       "dropReason": OpenAPIComponents.text(maxLength: 2000).orNull.described("Drops the goal, saying why.")])),
        "PlanTemplateCreation": .object(
            required: [
                "title": OpenAPIComponents.text(maxLength: 300),
                "goals": .array(of: .object(
                    required: ["statement": OpenAPIComponents.text(maxLength: 1000), "kind": .enumeration(GoalKind.allCases.map(\.rawValue)),
                               "targetCompetencyIds": .array(of: .uuid, minItems: 1, maxItems: 100), "dueAfterDays": .integer(minimum: 0, maximum: 3650)],
                    optional: ["targetLevel": points.orNull,
                               "milestones": JSONSchema.array(of: .object(required: ["afterDays": .integer(minimum: 0, maximum: 3650),
                                                                                      "competencyIds": .array(of: .uuid, minItems: 1, maxItems: 100)]),
                                                              maxItems: 20).orNull]), maxItems: 50),
            ],
            optional: ["description": OpenAPIComponents.anyText(maxLength: 10_000).orNull,
                       "competencyIds": JSONSchema.array(of: .uuid, maxItems: 500).orNull]),
        "PlanInstantiation": .oneOf([
            .object(required: ["learnerIds": .array(of: .uuid, minItems: 1, maxItems: 50_000), "startDate": .date, "targetDate": .date]),
            .object(required: ["classId": .uuid, "startDate": .date, "targetDate": .date]),
            .object(required: ["cohort": OpenAPIComponents.text(maxLength: 100), "startDate": .date, "targetDate": .date]),
        ]),

        "Goal": .object(
            required: [
                "id": .uuid, "planId": .uuid, "statement": .string(), "kind": .enumeration(GoalKind.allCases.map(\.rawValue)),
                "targetCompetencyIds": .array(of: .uuid), "dueDate": .date,
                "milestones": .array(of: .object(required: ["dueDate": .date, "competencyIds": .array(of: .uuid)])),
                "approval": .enumeration(["proposed", "approved"]), "proposedBy": .uuid, "status": goalStatuses,
                "progress": .object(required: ["mastered": .integer(minimum: 0), "targeted": .integer(minimum: 1),
                                               "reachedCompetencyIds": .array(of: .uuid), "remainingCompetencyIds": .array(of: .uuid)]),
                "nextSteps": .array(of: .object(required: ["competencyId": .uuid, "code": .string(), "ready": .boolean,
                                                            "reason": .enumeration(["target", "part_of_target", "prerequisite"])])),
                "etag": .string(), "updatedAt": .timestamp,
            ],
            optional: [
                "targetLevel": .score, "approvedBy": .uuid, "dropReason": .string(), "droppedBy": .uuid, "achievedOn": .date,
                "pacing": .object(required: [
                    "windowStart": .date, "windowEnd": .date, "windowDays": .integer(minimum: 1), "reachedInWindow": .integer(minimum: 0),
                    "ratePerDay": .string(), "daysLeft": .integer(), "projected": .string(), "remaining": .integer(minimum: 0),
                    "missedMilestones": .array(of: .date), "explanation": .array(of: .string()),
                ]),
            ]),
        "Plan": .object(
            required: [
                "id": .uuid, "learnerId": .uuid, "advisorIds": .array(of: .uuid), "title": .string(), "startDate": .date,
                "targetDate": .date, "status": planStatuses, "allowedTransitions": .array(of: planStatuses),
                "strengths": .string(), "challenges": .string(), "interests": .string(), "aspirations": .string(),
                "summary": .object(required: ["goals": .integer(minimum: 0), "achieved": .integer(minimum: 0),
                                              "atRisk": .integer(minimum: 0), "proposed": .integer(minimum: 0)]),
                "goals": .array(of: .reference("Goal")), "etag": .string(), "createdBy": .uuid, "createdAt": .timestamp,
                "updatedAt": .timestamp,
            ],
            optional: ["templateId": .uuid, "templateVersion": .integer(minimum: 1)]),
        "PlanPage": OpenAPIComponents.page(of: "Plan"),
        "PlanHistoryEntry": .object(required: [
            "sequence": .integer(minimum: 1), "version": .integer(minimum: 1), "actorId": .uuid, "recordedAt": .timestamp,
            "action": .string(),
            "changes": .array(of: .object(required: ["op": .enumeration(["add", "remove", "replace"]), "path": .string()],
                                          optional: ["from": .anything, "value": .anything])),
        ]),
        "PlanHistoryPage": OpenAPIComponents.page(of: "PlanHistoryEntry"),
        "PlanComment": .object(
            required: ["id": .uuid, "planId": .uuid, "authorId": .uuid, "body": .string(), "createdAt": .timestamp],
            optional: ["inReplyTo": .uuid, "goalId": .uuid]),
        "PlanCommentPage": OpenAPIComponents.page(of: "PlanComment"),
        "PlanTemplate": .object(required: [
            "id": .uuid, "version": .integer(minimum: 1), "title": .string(), "description": .string(),
            "competencyIds": .array(of: .uuid), "etag": .string(), "createdBy": .uuid, "createdAt": .timestamp,
            "goals": .array(of: .object(
                required: ["statement": .string(), "kind": .enumeration(GoalKind.allCases.map(\.rawValue)),
                           "targetCompetencyIds": .array(of: .uuid), "dueAfterDays": .integer(minimum: 0),
                           "milestones": .array(of: .object(required: ["afterDays": .integer(minimum: 0), "competencyIds": .array(of: .uuid)]))],
                optional: ["targetLevel": .score])),
        ]),
        "PlanTemplatePage": OpenAPIComponents.page(of: "PlanTemplate"),
        "PlanInstantiationSummary": .object(required: [
            "templateId": .uuid, "templateVersion": .integer(minimum: 1), "requested": .integer(minimum: 0),
            "created": .integer(minimum: 0), "skipped": .integer(minimum: 0),
            "results": .array(of: .object(
                required: ["learnerId": .uuid,
                           "result": .enumeration(["created", "already_planned", "no_advisor", "not_in_caseload", "not_a_learner"])],
                optional: ["planId": .uuid])),
        ]),
    ]
}
