import PathfolioInterop

/// The operations endpoints (`PathfolioApplication.addOperations`) and the document itself:
/// no token, for load balancers, monitoring and client generators.
enum OperationsAPIDescription {
    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .get, path: "/healthz", operationId: "getHealth", summary: "Whether the process answers",
            description: "Answers 200 whenever the process is serving; it does not touch the database.",
            tag: "operations", access: .unauthenticated,
            responses: [.json(200, "The process is serving.", .reference("Health"))]),
        OpenAPIOperation(
            method: .get, path: "/readyz", operationId: "getReadiness", summary: "Whether the service can reach PostgreSQL",
            description: "Runs `SELECT 1` on a pooled connection: 200 when it works, 503 when the database cannot be reached (the reason goes to the log, not to the caller).",
            tag: "operations", access: .unauthenticated,
            responses: [.json(200, "The database answers.", .reference("Readiness")), .problem(503)]),
        OpenAPIOperation(
            method: .get, path: "/metrics", operationId: "getMetrics", summary: "Prometheus metrics",
            description: "Request counts and latencies in the Prometheus text exposition format 0.0.4.",
            tag: "operations", access: .unauthenticated,
            responses: [.custom(200, JSONObject([
                "description": .string("The metrics."),
                "content": .object(JSONObject([
                    "text/plain": .object(JSONObject(["schema": JSONSchema.string().json])),
                ])),
            ]))]),
        OpenAPIOperation(
            method: .get, path: "/openapi.json", operationId: "getOpenAPIDocument", summary: "This document",
            description: "The OpenAPI 3.1 document of the API: the contract the tests check the server against.",
            tag: "operations", access: .unauthenticated,
            responses: [.json(200, "The document.", JSONSchema(JSONObject([
                "type": .string("object"), "required": .array([.string("openapi"), .string("paths")]),
            ])))]),
    ]
}
