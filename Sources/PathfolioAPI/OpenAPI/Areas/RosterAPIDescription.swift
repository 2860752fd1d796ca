import PathfolioCore
import PathfolioInterop

/// `RosterRoutes` and `EquityRoutes`: the OneRoster import, the equity report and its setting.
enum RosterAPIDescription {
    private static let counts = JSONSchema.object(required: [
        "created": .integer(minimum: 0), "updated": .integer(minimum: 0), "unchanged": .integer(minimum: 0),
        "removed": .integer(minimum: 0),
    ])

    private static let equityRow = JSONSchema.object(
        required: [:],
        optional: [
            "group": JSONSchema.string().described("The field's value; `(not recorded)` for learners without one. Absent on the total."),
            "learners": .integer(minimum: 0), "masteredPairs": .integer(minimum: 0), "pairs": .integer(minimum: 0),
            "percent": JSONSchema.score.orNull.described("Mastered pairs ÷ pairs as a percentage, two places (null when the framework has no competencies)."),
            "suppressed": JSONSchema.enumeration(["small_group", "complementary"])
                .described("Why the figures are withheld: fewer learners than the minimum group size, or withheld so a small group cannot be recovered from the total."),
        ],
        description: "Either the figures (`learners`, `masteredPairs`, `pairs`, `percent`) or `suppressed` and none of them.")

    static let schemas: [(String, JSONSchema)] = [
        ("RosterImportSummary", .object(required: [
            "importId": JSONSchema.uuid.orNull.described("The import's record; null for a dry run, which wrote nothing."),
            "dryRun": .boolean,
            "version": .enumeration(OneRosterVersionNames.all),
            "files": JSONSchema(JSONObject([
                "type": .string("object"),
                "additionalProperties": JSONSchema.enumeration(["bulk", "delta"]).json,
                "description": .string("Each file the manifest declares, by table, with its mode."),
            ])),
            "counts": .object(members: RosterImportSummary.tableOrder.map { ($0, counts) },
                              description: "What the import did (or, in a dry run, would do) per table; `classMembers`, `advising` and `personRoles` are derived from the others."),
            "warnings": .array(of: .object(required: ["file": .string(), "message": .string()],
                                           optional: ["line": .integer(minimum: 1), "column": .string()])),
        ])),
        ("EquityReport", .object(required: [
            "frameworkId": .uuid, "by": .enumeration(EquityRoutes.fields),
            "minimumGroupSize": .integer(minimum: 1), "groups": .array(of: equityRow), "total": equityRow,
        ], optional: ["asOf": JSONSchema.timestamp.described("The `asOf` asked for, when one was.")])),
        ("EquitySettings", .object(required: ["minimumGroupSize": .integer(minimum: 5, maximum: 1000)],
                                   optional: ["updatedBy": .uuid, "updatedAt": .timestamp])),
        ("EquitySettingsInput", .object(required: [
            "minimumGroupSize": JSONSchema.integer(minimum: 5, maximum: 1000).described("Groups with fewer learners are suppressed."),
        ])),
    ]

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .post, path: "/v1/rosters/import", operationId: "importRoster",
            summary: "Import a OneRoster 1.1 or 1.2 CSV package (zipped)",
            description: "The package's CSV files (`manifest.csv`, `orgs.csv`, `users.csv`, 1.2 `roles.csv`, `academicSessions.csv`, `courses.csv`, `classes.csv`, `enrollments.csv`, `demographics.csv`) at the root of a ZIP archive or in one top-level folder; stored and deflate entries; sent as `application/zip` (or `application/octet-stream`); up to 64 MiB by default. Bulk files replace what they hold (what they lack is removed: memberships deleted, people, orgs, sessions and classes marked retired), delta files upsert their rows and remove those marked `tobedeleted`; importing the same package again changes nothing. A package with any error answers 422 with every problem in `errors` (each with its `file`, `line`, `column` and a pointer `/<file>/<line>/<column>`) and writes nothing; an archive that cannot be read (not a ZIP, damaged, a ZIP bomb) answers 400. 201 with what was created, updated, unchanged and removed per table and every warning; with `dryRun=true`, 200 with the same summary and nothing written. Class memberships come from enrollments (students learn, teachers assess), advising from homeroom classes (their teachers advise their students).",
            tag: "rosters", access: .roles([.admin], scope: "Admins only; anyone else gets 404."),
            parameters: [.query("dryRun", "`true`: check and count, write nothing.", schema: .enumeration(["true", "false"]))],
            requestBody: OpenAPIOperation.RequestBody(description: "The package, zipped.", content: JSONObject([
                "application/zip": .object(JSONObject(["schema": JSONSchema.string(format: "binary", minLength: 1).json])),
                "application/octet-stream": .object(JSONObject(["schema": JSONSchema.string(format: "binary", minLength: 1).json])),
            ])),
            responses: [
                .json(201, "Imported.", .reference("RosterImportSummary"), headers: ["Idempotent-Replayed": OpenAPIComponents.replayed]),
                .json(200, "Dry run: what the import would do.", .reference("RosterImportSummary")),
                .badRequest, .notFound, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),
        OpenAPIOperation(
            method: .get, path: "/v1/frameworks/{id}/equity", operationId: "getEquityReport",
            summary: "Mastery rates of a framework by a demographic field",
            description: "For every learner (role learner, not retired by a roster): mastered (learner, competency) pairs over all pairs of the framework's current competencies, by the value of `by` — a OneRoster demographics field, or `cohort`. Groups with fewer learners than the institution's minimum group size (default 10) are `suppressed: small_group`; and while the suppressed groups are fewer than two or together hold fewer learners than that size, the smallest shown groups are `suppressed: complementary`, so no suppressed figure can be recovered from the total. A suppressed row has no figures. `asOf` counts the competencies mastered now whose first mastery was at or before it (a competency mastered then and lost since is not counted: this reads the projection, not a replay of the ledger).",
            tag: "rosters", access: .roles([.registrar, .admin], scope: "Registrars and admins of the institution; anyone else gets 404."),
            parameters: [
                .path("id", "The framework."),
                OpenAPIOperation.Parameter(name: "by", location: "query", required: true,
                                           description: "The field to group by; anything else answers 400 listing the allowed ones.",
                                           schema: .enumeration(EquityRoutes.fields)),
                .query("asOf", "An RFC 3339 date-time, or a date (the end of that day in the institution's time zone).",
                       schema: .anyOf([.instant, .instantDate])),
            ],
            responses: [.json(200, "The report.", .reference("EquityReport")), .badRequest, .notFound]),
        OpenAPIOperation(
            method: .get, path: "/v1/settings/equity", operationId: "getEquitySettings",
            summary: "The equity report's minimum group size",
            description: "Without `updatedBy` and `updatedAt` while the default (10) applies.",
            tag: "rosters", access: .roles([.registrar, .admin], scope: "Registrars and admins; anyone else gets 404."),
            responses: [.json(200, "The setting.", .reference("EquitySettings")), .notFound]),
        OpenAPIOperation(
            method: .put, path: "/v1/settings/equity", operationId: "setEquitySettings",
            summary: "Change the equity report's minimum group size",
            description: "5 to 1000 learners; it applies from the next report. The audit log keeps the values before and after.",
            tag: "rosters", access: .roles([.admin], scope: "Admins only; anyone else gets 404."),
            requestBody: .json(.reference("EquitySettingsInput"), "The setting."),
            responses: [
                .json(200, "The setting as stored.", .reference("EquitySettings")),
                .badRequest, .notFound, .contentTooLarge, .unsupportedMediaType,
            ]),
    ]
}

/// The OneRoster versions, as the summary writes them.
enum OneRosterVersionNames {
    static let all = ["1.1", "1.2"]
}
