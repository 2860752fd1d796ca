import PathfolioCore

/// `ClassRoutes` and `ClassMasteryRoutes`: classes, who is in them, and their mastery grid.
enum ClassAPIDescription {
    private static let admins = OpenAPIOperation.Access.roles([.admin], scope: "Admins only; anyone else gets 404.")
    private static let schoolClass = OpenAPIOperation.Parameter.path("id", "The class.")

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .post, path: "/v1/classes", operationId: "createClass", summary: "Add a class",
            description: "A class with a title, and optionally a timetable code and the roster's `sourcedId` (which must be new in the institution: 409 otherwise). It starts empty: put learners and assessors in with the `PUT` operations below.",
            tag: "classes", access: admins,
            requestBody: .json(.reference("ClassCreation"), "The class."),
            responses: [
                .json(201, "Created.", .reference("Class"),
                      headers: ["Location": OpenAPIComponents.location("/v1/classes/{id}"), "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .notFound, .conflict, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),
        OpenAPIOperation(
            method: .get, path: "/v1/classes", operationId: "listClasses", summary: "List classes",
            description: "In id order, each with its learners and assessors.",
            tag: "classes",
            access: .roles([.admin, .registrar, .assessor], scope: "Admins and registrars list every class; an assessor the classes they teach. Anyone else gets 404."),
            parameters: [.limit, .cursor],
            responses: [.json(200, "A page of classes.", .reference("ClassPage")), .badRequest, .notFound]),
        OpenAPIOperation(
            method: .get, path: "/v1/classes/{id}", operationId: "getClass", summary: "One class and who is in it",
            description: "",
            tag: "classes",
            access: .roles([.admin, .registrar, .assessor], scope: "Admins and registrars read any class; an assessor the classes they teach. Anyone else's answers 404."),
            parameters: [schoolClass],
            responses: [.json(200, "The class.", .reference("Class")), .notFound]),
        OpenAPIOperation(
            method: .get, path: "/v1/classes/{id}/mastery", operationId: "getClassMastery",
            summary: "The class's mastery of a framework: learners × competencies",
            description: "Every learner of the class (by family name, given name) against every competency of the framework that is not retired (in catalog order): each learner's `statuses` has one status per entry of `competencies`, in that order, with rollups computed as in a learner's progress. Each competency counts how many learners mastered it, are in progress and have not started: what needs reteaching. `framework` is required; an unknown one answers 400 naming it.",
            tag: "classes",
            access: .roles([.assessor, .registrar], scope: "The class's assessors and registrars; anyone else gets 404 (admins too: administering is not reading records)."),
            parameters: [
                schoolClass,
                OpenAPIOperation.Parameter(name: "framework", location: "query", required: true,
                                           description: "The framework whose competencies make the grid.", schema: .uuid),
            ],
            responses: [.json(200, "The grid.", .reference("ClassMastery")), .badRequest, .notFound]),
    ]
    + membership(.learner, segment: "learners", idPrefix: "ClassLearner")
    + membership(.assessor, segment: "assessors", idPrefix: "ClassAssessor")

    /// `PUT` and `DELETE` of one kind of member (`ClassRoutes.registerMembership`).
    private static func membership(_ role: SchoolClass.MemberRole, segment: String, idPrefix: String) -> [OpenAPIOperation] {
        let path = "/v1/classes/{id}/\(segment)/{personId}"
        let person = OpenAPIOperation.Parameter.path("personId", "The \(role.rawValue).")
        return [
            OpenAPIOperation(
                method: .put, path: path, operationId: "add\(idPrefix)", summary: "Put a \(role.rawValue) in the class",
                description: "Idempotent: 201 when the person is new in the class, 204 when they were in it already. The person must hold the \(role.requiredRole.rawValue) role (422 otherwise); the class and the person must exist (404)."
                    + (role == .assessor ? " The class's assessors teach its learners (review their evidence, read their progress, read the class's mastery)." : ""),
                tag: "classes", access: admins,
                parameters: [schoolClass, person],
                responses: [.empty(201, "Added."), .empty(204, "In the class already."), .notFound, .unprocessable]),
            OpenAPIOperation(
                method: .delete, path: path, operationId: "remove\(idPrefix)", summary: "Take a \(role.rawValue) out of the class",
                description: "404 when the person is not a \(role.rawValue) of the class.",
                tag: "classes", access: admins,
                parameters: [schoolClass, person],
                responses: [.empty(204, "Taken out."), .notFound]),
        ]
    }
}
