import PathfolioCore
import PathfolioInterop

/// `EvidenceRoutes` and `ReviewRoutes`: the evidence ledger and its reviews.
enum EvidenceAPIDescription {
    private static let readers = OpenAPIOperation.Access.roles(
        [.learner, .advisor, .assessor, .registrar],
        scope: "Learners their own; advisors their caseload's; assessors the learners they teach; registrars anyone's. Anyone else's answers 404.")
    private static let submitters = OpenAPIOperation.Access.roles(
        [.learner, .assessor],
        scope: "Learners their own; assessors for the learners they teach. Anyone else's answers 404.")
    private static let evidenceID = OpenAPIOperation.Parameter.path("id", "The evidence.")

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .post, path: "/v1/learners/{id}/evidence", operationId: "submitEvidence", summary: "Submit evidence",
            description: "Records evidence of one kind (`link`, `text`, `file`, `assessment_result`, `observation`) claiming one or more competencies of the institution's frameworks (422 names any unknown one). A `file` is uploaded afterwards with `PUT /v1/evidence/{id}/file`. A revision of returned evidence names it in `previousRevisionId` (409 when that evidence is not returned).",
            tag: "evidence", access: submitters,
            parameters: [.path("id", "The learner.")],
            requestBody: .json(.reference("EvidenceSubmission"), "The evidence."),
            responses: [
                .json(201, "Submitted (status `submitted`, no reviews yet).", .reference("Evidence"),
                      headers: ["Location": OpenAPIComponents.location("/v1/evidence/{id}"), "Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .notFound, .conflict, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),

        OpenAPIOperation(
            method: .get, path: "/v1/learners/{id}/evidence", operationId: "listEvidence", summary: "A learner's evidence",
            description: "Newest first, optionally filtered by status and by a claimed competency. Items leave out `reviews`.",
            tag: "evidence", access: readers,
            parameters: [
                .path("id", "The learner."),
                .query("status", "Only evidence in this status.", schema: .enumeration(EvidenceStatus.allCases.map(\.rawValue))),
                .query("competency", "Only evidence claiming this competency.", schema: .uuid),
                .limit, .cursor,
            ],
            responses: [.json(200, "A page of evidence.", .reference("EvidencePage")), .badRequest, .notFound]),

        OpenAPIOperation(
            method: .get, path: "/v1/evidence/{id}", operationId: "getEvidence", summary: "One piece of evidence with its reviews",
            description: "",
            tag: "evidence", access: readers,
            parameters: [evidenceID],
            responses: [.json(200, "The evidence, with `reviews`.", .reference("Evidence")), .notFound]),

        OpenAPIOperation(
            method: .post, path: "/v1/evidence/{id}/withdraw", operationId: "withdrawEvidence", summary: "Withdraw evidence",
            description: "Only before it is accepted; from any other status 409 names the transitions allowed.",
            tag: "evidence",
            access: .roles([.learner], scope: "The learner whose evidence it is. Anyone else's answers 404."),
            parameters: [evidenceID],
            responses: [.json(200, "Withdrawn.", .reference("Evidence")), .notFound, .conflict]),

        OpenAPIOperation(
            method: .put, path: "/v1/evidence/{id}/file", operationId: "uploadEvidenceFile", summary: "Attach the file of `file` evidence",
            description: "The body is the file (at most 25 MiB, not empty), its media type in `Content-Type` (415 when that is missing or not a media type). Stored by SHA-256. Only for evidence of kind `file` that is still `submitted` (409 otherwise); a new upload replaces the file.",
            tag: "evidence", access: submitters,
            parameters: [evidenceID],
            requestBody: .binary("The file, of any media type."),
            responses: [
                .json(200, "The evidence, with `file`.", .reference("Evidence")),
                .badRequest, .notFound, .conflict, .contentTooLarge, .unsupportedMediaType,
            ]),

        OpenAPIOperation(
            method: .get, path: "/v1/evidence/{id}/file", operationId: "downloadEvidenceFile", summary: "The attached file",
            description: "Served as an attachment, never sniffed, with its SHA-256 as the `ETag`; `If-None-Match` with that tag answers 304. 404 when no file is attached yet.",
            tag: "evidence", access: readers,
            parameters: [evidenceID],
            responses: [
                .custom(200, JSONObject([
                    "description": .string("The file, in its own media type."),
                    "headers": .object(JSONObject(["ETag": etag])),
                    "content": .object(JSONObject(["*/*": .object(JSONObject(["schema": JSONSchema.anything.json]))])),
                ])),
                .empty(304, "The client's copy is current.", headers: ["ETag": etag]),
                .notFound,
            ]),

        OpenAPIOperation(
            method: .post, path: "/v1/evidence/{id}/reviews", operationId: "reviewEvidence", summary: "Rate evidence, and accept or return it",
            description: "One transaction: the ratings are appended to the ledger (a correction names the review it `supersedes`), the evidence moves to `accepted` or `returned` (from `submitted` through `in_review`; accepted evidence takes further ratings and corrections), and the mastery of each rated competency and its ancestors is recomputed. A rating of a competency the evidence does not claim, or points that are not a level of its scale, answers 422 naming it; evidence that cannot be reviewed in its status answers 409.",
            tag: "evidence",
            access: .roles([.advisor, .assessor], scope: "Advisors the evidence of their caseload; assessors that of the learners they teach. Anyone else's answers 404."),
            parameters: [evidenceID],
            requestBody: .json(.reference("ReviewSubmission"), "The outcome and the ratings."),
            responses: [
                .json(201, "Recorded.", .reference("ReviewResult"), headers: ["Idempotent-Replayed": OpenAPIComponents.replayed]),
                .badRequest, .notFound, .conflict, .contentTooLarge, .unsupportedMediaType, .unprocessable,
            ],
            takesIdempotencyKey: true),

        OpenAPIOperation(
            method: .get, path: "/v1/reviews/pending", operationId: "listPendingReviews", summary: "The caller's review queue",
            description: "Evidence waiting for review (`submitted` or `in_review`) of the learners the caller teaches or advises, oldest first, with how long each has waited.",
            tag: "evidence",
            access: .anyone("Meant for advisors (their caseload) and assessors (the learners they teach); for anyone else the queue is empty."),
            parameters: [.limit, .cursor],
            responses: [.json(200, "A page of the queue.", .reference("PendingReviewPage")), .badRequest]),
    ]

    private static let etag: JSONValue = .object(JSONObject([
        "description": .string("The file's SHA-256 in hex, quoted."), "required": .bool(true),
        "schema": JSONSchema.string(pattern: #"^"[0-9a-f]{64}"$"#).json,
    ]))
}
