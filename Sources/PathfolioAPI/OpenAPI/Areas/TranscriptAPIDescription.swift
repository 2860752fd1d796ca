import PathfolioCore
import PathfolioInterop

/// `TranscriptRoutes` and `TranscriptExportRoutes`: transcripts in four formats, certification,
/// revocation, the bulk export and the disclosure record.
enum TranscriptAPIDescription {
    private static let learner = OpenAPIOperation.Parameter.path("id", "The learner.")
    private static let certificate = OpenAPIOperation.Parameter.path("id", "The certified transcript.")
    private static let asOf = OpenAPIOperation.Parameter.query(
        "asOf",
        "As of this instant: an RFC 3339 instant, or a date meaning the end of that day in the institution's time zone, of the years 1700 to 2199. Mastery is then recomputed from the reviews recorded until then, under the policies in force then. Default: now.",
        schema: .anyOf([.instant, .instantDate]))
    private static let party = OpenAPIOperation.Parameter.query(
        "party", "Who the transcript is for, recorded with the disclosure (default: the caller's role in the institution).",
        schema: OpenAPIComponents.text(maxLength: 300))
    private static let purpose = OpenAPIOperation.Parameter.query(
        "purpose", "Why, recorded with the disclosure (default: “legitimate educational interest (school official)”).",
        schema: OpenAPIComponents.text(maxLength: 1000))
    private static let format = OpenAPIOperation.Parameter.query(
        "format", "`json` (default), `csv`, `html` or `clr`.", schema: .enumeration(["json", "csv", "html", "clr"]))
    private static let readers = OpenAPIOperation.Access.roles(
        [.learner, .advisor, .registrar],
        scope: "The learner, their advisors and registrars; anyone else's answers 404 (assessors and admins too).")
    private static let registrars = OpenAPIOperation.Access.roles(
        [.registrar], scope: "Registrars only; anyone else gets 404.")

    /// The four renderings of a transcript, by media type.
    private static func transcript(_ description: String, headers: KeyValuePairs<String, JSONValue> = [:]) -> OpenAPIOperation.Response {
        var object = JSONObject(["description": .string(description)])
        if !headers.isEmpty { object["headers"] = .object(JSONObject(headers)) }
        object["content"] = .object(JSONObject([
            "application/json": .object(JSONObject(["schema": JSONSchema.reference("Transcript").json])),
            "text/csv": .object(JSONObject(["schema": JSONSchema.string().json])),
            "text/html": .object(JSONObject(["schema": JSONSchema.string().json])),
            "text/plain": .object(JSONObject(["schema": JSONSchema.string(pattern: #"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$"#).json])),
        ]))
        return .custom(200, object)
    }

    private static func header(_ description: String) -> JSONValue {
        .object(JSONObject(["description": .string(description), "schema": JSONSchema.string().json]))
    }

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .get, path: "/v1/learners/{id}/transcript", operationId: "getTranscript", summary: "A learner's transcript",
            description: "Mastered competencies (framework, coding, statement, level, score, day first mastered in the institution's time zone) and the goals achieved in active or completed plans, as of an instant, with the institution as issuer. `json`: the document below. `csv`: RFC 4180, CRLF, a header record; one `competency` record per mastered competency and one `goal` record per achieved goal (the plan's title under `framework`, the day achieved under `date`); any cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so spreadsheets do not run it. `html`: a printable page (print style sheet, no JavaScript). `clr`: a CLR 2.0 `ClrCredential` holding an Open Badges 3.0 `AchievementCredential` per mastered competency (aligned to its CASE item) and per achieved goal, signed as a VC-JWT (compact JWS) with the institution's key; verify it with `POST /v1/credentials/verify`. A read by anyone but the learner is recorded as a disclosure (with `party` and `purpose`). Never cached.",
            tag: "transcripts", access: readers,
            parameters: [learner, format, asOf, party, purpose],
            responses: [transcript("The transcript in the format asked."), .badRequest, .notFound, .uriTooLong]),
        OpenAPIOperation(
            method: .post, path: "/v1/learners/{id}/transcript/certify", operationId: "certifyTranscript",
            summary: "Certify (freeze) a transcript",
            description: "Renders the transcript as of `asOf` (default: now; a future instant answers 422) in every format, signs the CLR, and stores the bytes with their SHA-256 and who certified: every later read of `Location` returns the same bytes. The certification is printed in the JSON and HTML.",
            tag: "transcripts", access: registrars,
            parameters: [learner],
            requestBody: .json(.reference("TranscriptCertification"), "When the transcript is as of; no body is the same as `{}`.", required: false),
            responses: [
                .json(201, "Certified.", .reference("CertifiedTranscript"),
                      headers: ["Location": OpenAPIComponents.location("/v1/transcripts/certified/{id}"),
                                "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .notFound, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),
        OpenAPIOperation(
            method: .get, path: "/v1/transcripts/certified/{id}", operationId: "getCertifiedTranscript",
            summary: "A certified transcript, byte for byte as certified",
            description: "The stored bytes of `format` (default `json`), identical on every read, with their SHA-256 as `Repr-Digest` (RFC 9530) and an `ETag`; `If-None-Match` with it answers 304. `Pathfolio-Certificate-Status` says `valid` or `revoked`. Recorded as a disclosure when read by anyone but the learner.",
            tag: "transcripts", access: readers,
            parameters: [certificate, format, party, purpose],
            responses: [
                transcript("The certified transcript.", headers: [
                    "ETag": header("Strong tag of the bytes."), "Repr-Digest": header("`sha-256=:<base64>:` of the bytes."),
                    "Pathfolio-Certificate-Status": header("`valid` or `revoked`."),
                ]),
                .empty(304, "The client's copy is current."), .badRequest, .notFound, .uriTooLong,
            ]),
        OpenAPIOperation(
            method: .post, path: "/v1/transcripts/certified/{id}/revoke", operationId: "revokeCertifiedTranscript",
            summary: "Revoke a certified transcript",
            description: "Records who revoked it, when and why; its credential then verifies as revoked. The stored bytes stay readable, unchanged. A second revocation answers 409.",
            tag: "transcripts", access: registrars,
            parameters: [certificate],
            requestBody: .json(.reference("TranscriptRevocation"), "Why."),
            responses: [.json(200, "Revoked.", .reference("CertifiedTranscript")), .badRequest, .notFound, .conflict,
                        .contentTooLarge, .unsupportedMediaType]),
        OpenAPIOperation(
            method: .get, path: "/v1/transcripts", operationId: "exportTranscripts", summary: "Bulk export, streamed",
            description: "The transcripts of an org's learners (with those of the orgs under it; by id or OneRoster `sourcedId`), a class's, or a cohort's: exactly one of `org`, `class`, `cohort` (400 otherwise; an unknown one answers 422). Streamed with chunked coding as it is read, in flat memory: `csv` (default) holds one `competency` record per mastered (learner, competency) pair, the columns of the single transcript; `ndjson` one transcript document per line; `clr` one line per learner, `{\"learnerId\", \"credential\"}` with the signed CLR. One disclosure per learner is recorded, under the export's id, before the first byte leaves.",
            tag: "transcripts", access: .roles([.registrar], scope: "Registrars only; anyone else gets 404."),
            parameters: [
                .query("org", "An org's id or `sourcedId`.", schema: .string(minLength: 1, maxLength: 255)),
                .query("class", "A class's id.", schema: .uuid),
                .query("cohort", "A cohort.", schema: .string(minLength: 1, maxLength: 255)),
                .query("format", "`csv` (default), `ndjson` or `clr`.", schema: .enumeration(["csv", "ndjson", "clr"])),
                asOf, party, purpose,
            ],
            responses: [
                .custom(200, JSONObject([
                    "description": .string("The export, streamed."),
                    "headers": .object(JSONObject([
                        "Pathfolio-Export-Id": header("The export's id (the disclosures' reference)."),
                        "Pathfolio-Export-Learners": header("How many learners the export holds."),
                    ])),
                    "content": .object(JSONObject([
                        "text/csv": .object(JSONObject(["schema": JSONSchema.string().json])),
                        "application/x-ndjson": .object(JSONObject(["schema": JSONSchema.string().json])),
                    ])),
                ])),
                .badRequest, .notFound, .unprocessable, .uriTooLong,
            ]),
        OpenAPIOperation(
            method: .get, path: "/v1/learners/{id}/disclosures", operationId: "listDisclosures",
            summary: "Who received the learner's transcripts (FERPA record of disclosures)",
            description: "Every transcript, certified transcript or export that included the learner's record and went to someone other than the learner (34 CFR 99.32): who, the stated party and purpose, what and in which format, when. Oldest first.",
            tag: "transcripts", access: .roles([.learner, .registrar], scope: "The learner and registrars; anyone else's answers 404."),
            parameters: [learner, .limit, .cursor],
            responses: [.json(200, "A page of disclosures.", .reference("DisclosurePage")), .badRequest, .notFound]),
    ]

    private static let nullableString = JSONSchema.string().orNull

    static let schemas: KeyValuePairs<String, JSONSchema> = [
        "Transcript": .object(
            required: [
                "type": .constant("Transcript"),
                "issuer": .object(required: ["id": .uuid, "name": .string()]),
                "learner": .object(required: ["id": .uuid, "givenName": .string(), "familyName": .string()],
                                   optional: ["sourcedId": .string()]),
                "asOf": .timestamp,
                "competencies": .array(of: .object(required: [
                    "frameworkId": .uuid, "framework": .string(), "competencyId": .uuid, "uri": .string(), "code": .string(),
                    "statement": .string(), "level": JSONSchema.string().orNull, "score": JSONSchema.score.orNull,
                    "firstMasteredOn": JSONSchema.date.orNull,
                ])),
                "achievedGoals": .array(of: .object(required: [
                    "planId": .uuid, "plan": .string(), "goalId": .uuid, "statement": .string(),
                    "kind": .enumeration(GoalKind.allCases.map(\.rawValue)), "achievedOn": JSONSchema.date.orNull,
                ])),
            ],
            optional: ["certification": .object(required: ["id": .uuid, "certifiedAt": .timestamp, "certifiedBy": .string()])]),
        "TranscriptCertification": .object(required: [:], optional: ["asOf": .anyOf([.instant, .instantDate])]),
        "TranscriptRevocation": .object(required: ["reason": OpenAPIComponents.text(maxLength: 2000)]),
        "CertifiedTranscript": .object(
            required: [
                "id": .uuid, "learnerId": .uuid, "asOf": .timestamp, "certifiedAt": .timestamp, "certifiedBy": .uuid,
                "credentialId": .string(pattern: "^urn:uuid:"), "signingKeyId": .string(),
                "status": .enumeration(["valid", "revoked"]),
                "sha256": .object(required: ["json": sha256, "csv": sha256, "html": sha256, "clr": sha256]),
                "formats": .object(required: ["json": .string(), "csv": .string(), "html": .string(), "clr": .string()]),
            ],
            optional: ["revocation": .object(required: ["revokedAt": .timestamp, "revokedBy": .uuid, "reason": .string()])]),
        "Disclosure": .object(
            required: [
                "sequence": .integer(minimum: 1),
                "recipient": .object(required: ["id": .uuid, "name": .string()]),
                "party": .string(), "purpose": .string(),
                "record": .enumeration(["transcript", "certified_transcript", "bulk_export"]),
                "format": .enumeration(["json", "csv", "html", "clr", "ndjson"]),
                "disclosedAt": .timestamp,
            ],
            optional: ["asOf": .timestamp, "reference": .uuid]),
        "DisclosurePage": OpenAPIComponents.page(of: "Disclosure"),
    ]

    private static let sha256 = JSONSchema.string(pattern: "^[0-9a-f]{64}$")
}
