public import PathfolioHTTP
import PathfolioInterop

/// The OpenAPI 3.1 document served at `GET /openapi.json`: the API's contract (SPEC §2.1).
///
/// Built in code from the operations of each area (`Areas/*APIDescription.swift`) and the
/// shared ``OpenAPIComponents``, once per process. An area adds its operations by appending its
/// list to ``operations``; `OpenAPIDocumentTests` fails when the router and the document differ.
public enum OpenAPIDocument {
    /// Every documented operation, area by area.
    static let operations: [OpenAPIOperation] =
        OperationsAPIDescription.operations
        + PeopleAPIDescription.operations
        + TokenAPIDescription.operations
        + EvidenceAPIDescription.operations
        + ProgressAPIDescription.operations
        + FrameworkAPIDescription.operations
        + PlanAPIDescription.operations
        + ClassAPIDescription.operations
        + CaseloadAPIDescription.operations
        + TranscriptAPIDescription.operations
        + RosterAPIDescription.operations
        + CredentialAPIDescription.operations

    /// The document as JSON bytes.
    public static let bytes: [UInt8] = document.serializedBytes()

    /// The response of `GET /openapi.json`.
    public static var response: HTTPResponse { .json(bytes) }

    /// The operations' tags, in order of first use.
    static var tags: [String] {
        var seen = Set<String>()
        return operations.map(\.tag).filter { seen.insert($0).inserted }
    }

    static var document: JSONValue {
        var paths = JSONObject()
        for operation in operations {
            var item = paths[operation.path]?.objectValue ?? JSONObject()
            let method = operation.method.rawValue.lowercased()
            precondition(item[method] == nil, "\(operation.method) \(operation.path) is documented twice")
            item[method] = operation.json
            paths[operation.path] = .object(item)
        }
        var schemas = JSONObject()
        for (name, schema) in OpenAPIComponents.schemas { schemas[name] = schema.json }
        for (name, schema) in PlanAPIDescription.schemas { schemas[name] = schema.json }
        for (name, schema) in TranscriptAPIDescription.schemas { schemas[name] = schema.json }
        for (name, schema) in RosterAPIDescription.schemas { schemas[name] = schema.json }
        for (name, schema) in CredentialAPIDescription.schemas { schemas[name] = schema.json }
        return .object(JSONObject([
            "openapi": .string("3.1.0"),
            "info": .object(JSONObject([
                "title": .string("Pathfolio API"),
                "version": .string("1"),
                "description": .string("""
                    Competency-based learning records: frameworks, evidence and reviews, mastery, plans and transcripts.

                    Conventions (SPEC §2.1): `Authorization: Bearer <token>`; errors are RFC 9457 `application/problem+json` with `errors[]` naming each invalid member by JSON pointer (`pointer`) or query parameter (`parameter`); unknown request members are refused (400); lists are cursor-paginated (`limit`, `cursor`, and `next`, null on the last page); a creating `POST` takes `Idempotency-Key`; timestamps are RFC 3339 UTC; dates `YYYY-MM-DD`; ids UUIDs; scores exact decimals written as strings with two places (`"3.00"`). A record that does not exist and one the caller may not see both answer 404, so ids cannot be probed. `x-pathfolio-roles` lists the roles that may call an operation; its description says on whose records.
                    """),
            ])),
            "tags": .array(tags.map { .object(JSONObject(["name": .string($0)])) }),
            "paths": .object(paths),
            "components": .object(JSONObject([
                "schemas": .object(schemas),
                "responses": .object(OpenAPIComponents.responses),
                "parameters": .object(OpenAPIComponents.parameters),
                "securitySchemes": .object(OpenAPIComponents.securitySchemes),
            ])),
        ]))
    }
}
