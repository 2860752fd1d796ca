/// `TokenRoutes`: API token administration.
enum TokenAPIDescription {
    private static let access = OpenAPIOperation.Access.roles([.admin], scope: "Admins only; anyone else gets 404.")

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .post, path: "/v1/tokens", operationId: "createToken", summary: "Make an API token for a person",
            description: "The secret (`token`) is in this response only (with `Cache-Control: no-store`); the service keeps its SHA-256. An unknown `personId`, or an `expiresAt` that has passed, answers 422.",
            tag: "tokens", access: access,
            requestBody: .json(.reference("TokenCreation"), "Whose token, a label, and optionally when it expires."),
            responses: [
                .json(201, "Created.", .reference("CreatedToken"),
                      headers: ["Location": OpenAPIComponents.location("/v1/tokens/{id}"), "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .notFound, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),
        OpenAPIOperation(
            method: .get, path: "/v1/tokens", operationId: "listTokens", summary: "List API tokens",
            description: "Newest first; never the secrets.",
            tag: "tokens", access: access,
            parameters: [.query("person", "Only this person's tokens.", schema: .uuid), .limit, .cursor],
            responses: [.json(200, "A page of tokens.", .reference("TokenPage")), .badRequest, .notFound]),
        OpenAPIOperation(
            method: .get, path: "/v1/tokens/{id}", operationId: "getToken", summary: "One API token",
            description: "Never the secret.",
            tag: "tokens", access: access,
            parameters: [.path("id", "The token.")],
            responses: [.json(200, "The token.", .reference("Token")), .notFound]),
        OpenAPIOperation(
            method: .post, path: "/v1/tokens/{id}/revoke", operationId: "revokeToken", summary: "Revoke an API token",
            description: "From now on the token answers 401. Revoking a revoked token keeps the first revocation time.",
            tag: "tokens", access: access,
            parameters: [.path("id", "The token.")],
            responses: [.json(200, "The revoked token.", .reference("Token")), .notFound]),
    ]
}
