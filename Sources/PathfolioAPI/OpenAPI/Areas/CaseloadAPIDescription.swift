import PathfolioCore

/// `CaseloadRoutes` and `EarlyWarningSettingsRoutes`: an advisor's caseload with its early
/// warnings, and the institution's thresholds.
enum CaseloadAPIDescription {
    private static func query(_ name: String, _ description: String, _ values: [String]) -> OpenAPIOperation.Parameter {
        .query(name, description, schema: .enumeration(values))
    }

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .get, path: "/v1/advisors/{advisorId}/caseload", operationId: "getCaseload",
            summary: "An advisor's caseload, with early warnings",
            description: "Every advisee with their open plan (the latest that is not archived; null when none), the goals of that plan at risk (judged by pacing over the institution's window, in its time zone, from the learner's mastery; only plans in draft, in review or active), evidence waiting for review (how many, since when, for how many whole days), the days since their last evidence, and flags: `goals_at_risk`; `review_overdue` when the oldest waiting item has waited `reviewWaitDays` or more; `no_recent_evidence` when there has been no evidence for `quietDays` or more (counted from the plan's start, or from when the advisor took the learner on, when there is none). The thresholds in force are echoed. Ordered by `sort` (ties by family name, given name, id); an advisor with no advisees has an empty list, a person who is not an advisor answers 404.",
            tag: "caseload",
            access: .roles([.advisor, .registrar, .admin], scope: "Advisors their own caseload (`advisorId` = the caller); registrars and admins anyone's. Anyone else's answers 404."),
            parameters: [
                .path("advisorId", "The advisor."),
                query("sort", "`flags` (the default): the most flags first; `name`: by family name, given name; `waiting`: the longest wait for a review first; `quiet`: the longest without evidence first.",
                      CaseloadOrder.allCases.map(\.rawValue)),
                query("flag", "Only advisees with this flag.", CaseloadFlag.allCases.map(\.rawValue)),
                query("planStatus", "Only advisees whose open plan has this status; `none`: those without one.",
                      CaseloadRoutes.planStatusChoices),
                .limit, .cursor,
            ],
            responses: [.json(200, "A page of the caseload.", .reference("Caseload")), .badRequest, .notFound]),
        OpenAPIOperation(
            method: .get, path: "/v1/settings/early-warning", operationId: "getEarlyWarningSettings",
            summary: "The institution's early-warning thresholds",
            description: "The thresholds of the caseload's flags and the pacing window of goals, in days; without `updatedBy` and `updatedAt` while the defaults (14, 7, 28) apply.",
            tag: "caseload",
            access: .roles([.advisor, .registrar, .admin], scope: "Advisors, registrars and admins of the institution; anyone else gets 404."),
            responses: [.json(200, "The thresholds.", .reference("EarlyWarningSettings")), .notFound]),
        OpenAPIOperation(
            method: .put, path: "/v1/settings/early-warning", operationId: "setEarlyWarningSettings",
            summary: "Change the early-warning thresholds",
            description: "Replaces all three thresholds (each 1 to 365 days); they apply from the next caseload read. The audit log keeps the values before and after.",
            tag: "caseload", access: .roles([.admin], scope: "Admins only; anyone else gets 404."),
            requestBody: .json(.reference("EarlyWarningSettingsInput"), "The thresholds."),
            responses: [
                .json(200, "The thresholds as stored.", .reference("EarlyWarningSettings")),
                .badRequest, .notFound, .contentTooLarge, .unsupportedMediaType,
            ]),
    ]
}
