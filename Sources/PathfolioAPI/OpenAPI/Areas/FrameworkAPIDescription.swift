import PathfolioCore
import PathfolioInterop

/// `FrameworkRoutes`: CASE import, the catalog reads, CASE 1.1's REST reads, and the mastery
/// policy with its preview.
enum FrameworkAPIDescription {
    private static let everyone = OpenAPIOperation.Access.anyone("Anyone of the institution; another institution's frameworks answer 404.")
    private static let admins = OpenAPIOperation.Access.roles([.admin], scope: "Admins only; anyone else gets 404.")
    private static let framework = OpenAPIOperation.Parameter.path("id", "The framework (its CFDocument identifier).")
    private static let caseBody = JSONSchema(JSONObject(["type": .string("object")]))
        .described("CASE 1.1 JSON as the official schemas in 1EdTech's CASE 1.1 specification define it.")

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .post, path: "/v1/frameworks/import", operationId: "importFramework", summary: "Import a CASE framework package",
            description: "A CASE `CFPackage` JSON as published: 1.0 (`CFPackageURI`, `CFDocumentURI`, 1.0 member names), 1.1, or a 2017 OpenSALT export; up to 64 MiB. Oddities that can be understood are accepted and listed in `warnings` with their JSON pointer; what cannot be understood answers 400 naming the pointer, and a `precedes`/hierarchy cycle (also across the institution's frameworks) answers 422 naming it; either way nothing is stored. Importing the same package again changes nothing (200); a newer version updates in place and retires the items it dropped. 201 when the framework is new.",
            tag: "frameworks", access: admins,
            requestBody: .json(caseBody, "The CFPackage."),
            responses: [
                .json(201, "Imported (a new framework).", .reference("FrameworkImportResult"),
                      headers: ["Location": OpenAPIComponents.location("/v1/frameworks/{id}"), "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .json(200, "Imported again (updated or unchanged).", .reference("FrameworkImportResult"),
                      headers: ["Location": OpenAPIComponents.location("/v1/frameworks/{id}"), "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .notFound, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),
        OpenAPIOperation(
            method: .get, path: "/v1/frameworks", operationId: "listFrameworks", summary: "The institution's frameworks",
            description: "By title, then id; each with its default scale and the policy in force.",
            tag: "frameworks", access: everyone,
            parameters: [.limit, .cursor],
            responses: [.json(200, "A page of frameworks.", .reference("FrameworkPage")), .badRequest]),
        OpenAPIOperation(
            method: .get, path: "/v1/frameworks/{id}", operationId: "getFramework", summary: "One framework",
            description: "", tag: "frameworks", access: everyone,
            parameters: [framework],
            responses: [.json(200, "The framework.", .reference("Framework")), .notFound]),
        OpenAPIOperation(
            method: .get, path: "/v1/frameworks/{id}/competencies", operationId: "listCompetencies", summary: "A framework's competencies",
            description: "`view=flat` (the default): a page of competencies in package order. `view=tree`: the whole hierarchy in one document (`limit` and `cursor` do not apply); an item under several parents is expanded once and marked `expandedElsewhere` at its other places. Retired competencies only with `includeRetired=true`.",
            tag: "frameworks", access: everyone,
            parameters: [
                framework,
                .query("view", "`flat` (default) or `tree`.", schema: .enumeration(["flat", "tree"])),
                .query("includeRetired", "Include retired competencies.", schema: .enumeration(["true", "false"])),
                .limit, .cursor,
            ],
            responses: [
                .json(200, "A page of competencies, or the tree.",
                      .oneOf([.reference("CompetencyPage"), .reference("CompetencyTree")])),
                .badRequest, .notFound,
            ]),
        OpenAPIOperation(
            method: .get, path: "/v1/competencies/{id}", operationId: "getCompetency", summary: "One competency with its associations",
            description: "Its parents, children, prerequisites, dependents and other associations; an end outside every framework held is an external reference.",
            tag: "frameworks", access: everyone,
            parameters: [.path("id", "The competency (its CFItem identifier).")],
            responses: [.json(200, "The competency.", .reference("CompetencyDetail")), .notFound]),

        OpenAPIOperation(
            method: .get, path: "/ims/case/v1p1/CFDocuments", operationId: "caseGetAllCFDocuments", summary: "CASE 1.1: every CFDocument",
            description: "`{\"CFDocuments\": [...]}` as CASE 1.1's REST binding answers.", tag: "case", access: everyone,
            responses: [.json(200, "The documents.", caseBody)]),
        OpenAPIOperation(
            method: .get, path: "/ims/case/v1p1/CFPackages/{id}", operationId: "caseGetCFPackage", summary: "CASE 1.1: one package",
            description: "The document, its items and associations and its definitions, lossless.", tag: "case", access: everyone,
            parameters: [.path("id", "The CFDocument identifier.")],
            responses: [.json(200, "The package.", caseBody), .notFound]),
        OpenAPIOperation(
            method: .get, path: "/ims/case/v1p1/CFItems/{id}", operationId: "caseGetCFItem", summary: "CASE 1.1: one item",
            description: "", tag: "case", access: everyone,
            parameters: [.path("id", "The CFItem identifier.")],
            responses: [.json(200, "The item.", caseBody), .notFound]),
        OpenAPIOperation(
            method: .get, path: "/ims/case/v1p1/CFAssociations/{id}", operationId: "caseGetCFAssociation", summary: "CASE 1.1: one association",
            description: "", tag: "case", access: everyone,
            parameters: [.path("id", "The CFAssociation identifier.")],
            responses: [.json(200, "The association.", caseBody), .notFound]),

        OpenAPIOperation(
            method: .put, path: "/v1/frameworks/{id}/policy", operationId: "setMasteryPolicy", summary: "Set a framework's mastery policy",
            description: "Replaces the policy from now on (never backdated: `asOf` an earlier time keeps the old one), records who changed it, and recomputes in the same transaction the mastery of every learner with reviews in the framework. Without `scale`, the framework's default scale applies. Competencies named must be the framework's (400 otherwise).",
            tag: "frameworks", access: admins,
            parameters: [framework],
            requestBody: .json(.reference("MasteryPolicyInput"), "The policy."),
            responses: [.json(200, "Applied.", .reference("MasteryPolicyApplied")), .badRequest, .notFound, .contentTooLarge,
                        .unsupportedMediaType]),
        OpenAPIOperation(
            method: .post, path: "/v1/frameworks/{id}/policy/preview", operationId: "previewMasteryPolicy",
            summary: "What a policy would change",
            description: "How many learners' statuses would change under the proposed policy, and which (learner, competency) pairs; changes nothing.",
            tag: "frameworks", access: admins,
            parameters: [framework],
            requestBody: .json(.reference("MasteryPolicyInput"), "The proposed policy."),
            responses: [.json(200, "The preview.", .reference("MasteryPolicyPreview")), .badRequest, .notFound, .contentTooLarge,
                        .unsupportedMediaType]),
    ]
}
