import PathfolioCore

/// `PeopleRoutes`: who am I, people, and the advising and teaching relationships.
enum PeopleAPIDescription {
    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .get, path: "/v1/me", operationId: "getMe", summary: "The caller's own profile",
            description: "The person the bearer token belongs to, with their roles.",
            tag: "people", access: .anyone("Every authenticated person reads their own profile."),
            responses: [.json(200, "The caller.", .reference("Person"))]),

        OpenAPIOperation(
            method: .post, path: "/v1/people", operationId: "createPerson", summary: "Add a person to the institution",
            description: "Creates a person with one or more roles. `sourcedId`, when given, must be new in the institution (409 otherwise).",
            tag: "people", access: .roles([.admin], scope: "Admins only; anyone else gets 404."),
            requestBody: .json(.reference("PersonCreation"), "The person."),
            responses: [
                .json(201, "Created.", .reference("Person"),
                      headers: ["Location": OpenAPIComponents.location("/v1/people/{id}"), "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .notFound, .conflict, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),

        OpenAPIOperation(
            method: .get, path: "/v1/people", operationId: "listPeople", summary: "List the institution's people",
            description: "Ordered by id, optionally only those with one role.",
            tag: "people", access: .roles([.admin, .registrar], scope: "Admins and registrars; anyone else gets 404."),
            parameters: [
                .query("role", "Only people with this role.", schema: OpenAPIComponents.roles),
                .limit, .cursor,
            ],
            responses: [.json(200, "A page of people.", .reference("PersonPage")), .badRequest, .notFound]),

        OpenAPIOperation(
            method: .get, path: "/v1/people/{id}", operationId: "getPerson", summary: "One person",
            description: "",
            tag: "people",
            access: .anyone("Everyone reads their own profile; admins and registrars anyone's; advisors the learners of their caseload; assessors the learners they teach. Anyone else's answers 404."),
            parameters: [.path("id", "The person.")],
            responses: [.json(200, "The person.", .reference("Person")), .notFound]),
    ]
    + relationship(kind: "advising", holderPath: "/v1/advisors/{advisorId}/advisees", holder: "advisorId",
                   holderRole: .advisor, idPrefix: "Advisee", holderName: "advisor", learnerNoun: "advisee")
    + relationship(kind: "teaching", holderPath: "/v1/assessors/{assessorId}/learners", holder: "assessorId",
                   holderRole: .assessor, idPrefix: "TaughtLearner", holderName: "assessor", learnerNoun: "taught learner")

    /// The three operations of one relationship (`PeopleRoutes.registerRelationship`).
    private static func relationship(kind: String, holderPath: String, holder: String, holderRole: Role, idPrefix: String,
                                     holderName: String, learnerNoun: String) -> [OpenAPIOperation] {
        let holderParameter = OpenAPIOperation.Parameter.path(holder, "The \(holderName).")
        let learnerParameter = OpenAPIOperation.Parameter.path("learnerId", "The learner.")
        return [
            OpenAPIOperation(
                method: .put, path: holderPath + "/{learnerId}", operationId: "add\(idPrefix)",
                summary: "Make a learner the \(holderName)'s \(learnerNoun)",
                description: "Idempotent: 201 when the link is new, 204 when it existed. The \(holderName) must hold the \(holderRole.rawValue) role and the learner the learner role (422 otherwise); both must exist (404).",
                tag: "people", access: .roles([.admin], scope: "Admins only; anyone else gets 404."),
                parameters: [holderParameter, learnerParameter],
                responses: [
                    .empty(201, "The link was made."), .empty(204, "The link existed already."),
                    .notFound, .unprocessable,
                ]),
            OpenAPIOperation(
                method: .delete, path: holderPath + "/{learnerId}", operationId: "remove\(idPrefix)",
                summary: "End the \(kind) link between the \(holderName) and a learner",
                description: "404 when there is no such link.",
                tag: "people", access: .roles([.admin], scope: "Admins only; anyone else gets 404."),
                parameters: [holderParameter, learnerParameter],
                responses: [.empty(204, "The link is gone."), .notFound]),
            OpenAPIOperation(
                method: .get, path: holderPath, operationId: "list\(idPrefix)s",
                summary: "The learners linked to the \(holderName)",
                description: "The ids of the learners the \(holderName) is linked to (\(kind)).",
                tag: "people",
                access: .anyone("Admins and registrars read any \(holderName)'s list; any other caller only the list under their own id (`\(holder)` = the caller), which is empty unless they are a \(holderRole.rawValue) with learners. Anyone else's answers 404."),
                parameters: [holderParameter],
                responses: [.json(200, "The learners.", .reference("LearnerIds")), .notFound]),
        ]
    }
}

extension OpenAPIOperation.Parameter {
    /// `limit` of a list (`PageRequest`).
    static let limit = query("limit", "Items per page, 1 to 200; 50 when left out.", schema: .integer(minimum: 1, maximum: 200))
    /// `cursor` of a list (`PageRequest`): only a value from an earlier page's `next`.
    static let cursor = query("cursor", "Where to continue: only as given in an earlier page's `next` (anything else answers 400).",
                              schema: .string(minLength: 1))
}
