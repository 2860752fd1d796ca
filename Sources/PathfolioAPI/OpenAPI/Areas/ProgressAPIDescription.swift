/// `ProgressRoutes`: a learner's mastery, one competency's explanation, and what is next.
enum ProgressAPIDescription {
    private static let readers = OpenAPIOperation.Access.roles(
        [.learner, .advisor, .assessor, .registrar],
        scope: "Learners their own; advisors their caseload's; assessors the learners they teach; registrars anyone's. Anyone else's answers 404.")
    private static let learner = OpenAPIOperation.Parameter.path("id", "The learner.")
    private static let asOf = OpenAPIOperation.Parameter.query(
        "asOf",
        "Show what was known then: an RFC 3339 instant, or a date meaning the end of that day in the institution's time zone, of the years 1700 to 2199. Reviews recorded later are left out, and the policies in force then apply.",
        schema: .anyOf([.instant, .instantDate]))

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .get, path: "/v1/learners/{id}/progress", operationId: "getProgress", summary: "A learner's mastery of every competency",
            description: "The state of every competency of the institution's frameworks (retired ones only when they have a state), from the projection, or recomputed from the ledger `asOf` a past instant; with counts by status. An unknown `framework` answers 400.",
            tag: "progress", access: readers,
            parameters: [learner, .query("framework", "Only this framework's competencies.", schema: .uuid), asOf],
            responses: [.json(200, "The learner's progress.", .reference("Progress")), .badRequest, .notFound]),
        OpenAPIOperation(
            method: .get, path: "/v1/learners/{id}/progress/{competencyId}", operationId: "explainMastery",
            summary: "One competency's mastery, explained",
            description: "The state and why: the reviews that counted and those left out (with the reason), the method and its parameter, each arithmetic step, the exact value and its one rounding; for a parent rated by rollup, the rollup's numbers.",
            tag: "progress", access: readers,
            parameters: [learner, .path("competencyId", "The competency."), asOf],
            responses: [.json(200, "The explanation.", .reference("MasteryExplanation")), .badRequest, .notFound]),
        OpenAPIOperation(
            method: .get, path: "/v1/learners/{id}/next", operationId: "getReadyToLearn", summary: "What the learner is ready to learn next",
            description: "Competencies not yet mastered whose prerequisites all are, most goals unblocked first, and the gaps that block goals.",
            tag: "progress", access: readers,
            parameters: [learner],
            responses: [.json(200, "Ready competencies and gaps.", .reference("ReadyToLearn")), .notFound]),
    ]
}
