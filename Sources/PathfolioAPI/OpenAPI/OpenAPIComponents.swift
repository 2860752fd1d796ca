import PathfolioCore
import PathfolioInterop

/// The shared parts of the API document (`components`): the representations exactly as the
/// `*Representation` types encode them (a nil optional is left out, so such members are not
/// `required`; a member the code writes as `null` is nullable), the request bodies as the
/// handlers read them, the problem responses, the shared parameters and the bearer scheme.
///
/// An area that adds operations adds its schemas to ``schemas`` under new names.
enum OpenAPIComponents {
    // MARK: - Shared pieces of schemas

    /// The characters `RequestObject.string` trims before its emptiness check (Foundation's
    /// `whitespacesAndNewlines`), as a regular-expression class body.
    static let whiteSpace = #"\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"#

    /// A request string the handlers take when it is not blank (at least one character that is
    /// not white space) and has no U+0000, which PostgreSQL text cannot hold.
    static func text(maxLength: Int) -> JSONSchema {
        .string(maxLength: maxLength, pattern: #"^[^\u0000]*[^\u0000"# + whiteSpace + #"][^\u0000]*$"#)
    }

    /// A request string that may be empty (but has no U+0000).
    static func anyText(maxLength: Int) -> JSONSchema {
        .string(maxLength: maxLength, pattern: #"^[^\u0000]*$"#)
    }

    /// A media type, `type/subtype` with optional parameters (`EvidenceRoutes.isMediaType`).
    static let mediaTypePattern = #"^[ \t]*[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+[ \t]*(;[ -~]*)?$"#

    /// Page of `item` (`Support/PageRequest.swift`): `next` is the link to the next page,
    /// `null` on the last one.
    static func page(of item: String) -> JSONSchema {
        .object(required: [
            "items": .array(of: .reference(item)),
            "next": JSONSchema.string(format: "uri-reference").orNull
                .described("The path and query of the next page; null on the last page."),
        ])
    }

    static let roles = JSONSchema.enumeration(Role.allCases.map(\.rawValue))

    /// Points in a request (`RequestObject.score`): a number with at most two decimal places, or
    /// the same as a string.
    static let points = JSONSchema.anyOf([
        .number(minimum: "0", maximum: "99999.99", multipleOf: "0.01"),
        // `Score.init?(_:)`: up to 15 whole digits and two places, at most 99999.99; "-0" is 0.
        .string(pattern: #"^(-0{1,15}(\.0{1,2})?|0{0,10}[0-9]{1,5}(\.[0-9]{1,2})?)$"#),
    ])
    static let levelObject = JSONSchema.object(required: ["label": .string(), "points": .score])

    // MARK: - Schemas

    /// `components/schemas`, by name.
    static let schemas: KeyValuePairs<String, JSONSchema> = [
        "Problem": problem,
        "Health": .object(required: ["status": .constant("ok")]),
        "Readiness": .object(required: ["status": .constant("ready")]),

        "Person": .object(
            required: [
                "id": .uuid, "institutionId": .uuid, "givenName": .string(), "familyName": .string(),
                "roles": .array(of: roles, uniqueItems: true),
            ],
            optional: ["email": .string(), "cohort": .string()]),
        "PersonPage": page(of: "Person"),
        "PersonCreation": .object(
            required: [
                "givenName": text(maxLength: 200), "familyName": text(maxLength: 200),
                "roles": .array(of: roles, minItems: 1, maxItems: 5, uniqueItems: true),
            ],
            optional: [
                "email": JSONSchema.string(maxLength: 320, pattern: #"^[^\u0000]*@[^\u0000]*$"#).orNull,
                "sourcedId": text(maxLength: 255).orNull.described("The person's id in the roster (OneRoster `sourcedId`), unique in the institution."),
                "cohort": text(maxLength: 100).orNull.described("The learner's cohort (a graduating class, a grade group)."),
            ]),
        "LearnerIds": .object(required: ["learnerIds": .array(of: .uuid)]),

        "Token": .object(
            required: ["id": .uuid, "personId": .uuid, "label": .string(), "createdAt": .timestamp],
            optional: ["expiresAt": .timestamp, "revokedAt": .timestamp]),
        "CreatedToken": .object(
            required: ["id": .uuid, "personId": .uuid, "label": .string(), "createdAt": .timestamp],
            optional: [
                "token": JSONSchema.string(pattern: "^pf_[A-Za-z0-9_-]{43}$")
                    .described("The bearer token's secret: shown in the first response only; an `Idempotency-Key` replay leaves it out, since it is stored nowhere."),
                "expiresAt": .timestamp, "revokedAt": .timestamp,
            ]),
        "TokenPage": page(of: "Token"),
        "TokenCreation": .object(
            required: ["personId": .uuid],
            optional: [
                "label": anyText(maxLength: 200).orNull,
                "expiresAt": JSONSchema.instant.orNull
                    .described("When the token stops working; must be in the future (422 otherwise). None: it never expires."),
            ]),

        "Evidence": .object(
            required: [
                "id": .uuid, "learnerId": .uuid, "submittedBy": .uuid,
                "kind": .enumeration(EvidenceKind.allCases.map(\.rawValue)),
                "title": .string(), "description": .string(),
                "status": .enumeration(EvidenceStatus.allCases.map(\.rawValue)),
                "competencyIds": .array(of: .uuid, minItems: 1), "submittedAt": .timestamp,
            ],
            optional: [
                "previousRevisionId": .uuid,
                "url": .string().described("Kind `link`."),
                "text": .string().described("Kind `text`."),
                "assessment": .string().described("Kind `assessment_result`."),
                "result": .string().described("Kind `assessment_result`."),
                "notes": .string().described("Kind `observation`."),
                "observedOn": JSONSchema.date.described("Kind `observation`."),
                "mediaType": JSONSchema.string().described("Kind `file`: the declared or uploaded media type."),
                "file": JSONSchema.reference("EvidenceFile").described("Kind `file`, once uploaded."),
                "reviews": JSONSchema.array(of: .reference("Review"))
                    .described("The ratings, when the evidence is read on its own (not in lists)."),
            ]),
        "EvidenceFile": .object(required: [
            "sha256": .string(pattern: "^[0-9a-f]{64}$"), "byteCount": .integer(minimum: 1),
            "mediaType": .string(), "href": .string(format: "uri-reference"),
        ]),
        "EvidencePage": page(of: "Evidence"),
        "EvidenceSubmission": evidenceSubmission,

        "Review": .object(
            required: [
                "id": .uuid, "evidenceId": .uuid, "learnerId": .uuid, "competencyId": .uuid, "reviewerId": .uuid,
                "points": .score, "comment": .string(), "recordedAt": .timestamp,
            ],
            optional: ["supersedes": JSONSchema.uuid.described("The earlier review this one corrects.")]),
        "ReviewSubmission": reviewSubmission,
        "ReviewResult": .object(required: [
            "evidence": .reference("Evidence"),
            "reviews": .array(of: .reference("Review")),
            "mastery": JSONSchema.array(of: .reference("MasteryState"))
                .described("The new state of each rated competency and of each of its ancestors."),
        ]),
        "PendingReview": .object(required: ["evidence": .reference("Evidence"), "waitingSeconds": .integer(minimum: 0)]),
        "PendingReviewPage": page(of: "PendingReview"),

        "MasteryState": .object(
            required: [
                "competencyId": .uuid,
                "source": JSONSchema.enumeration(["direct", "rollup"])
                    .described("`direct`: rated; `rollup`: from the competency's children."),
                "status": .enumeration(MasteryStatus.allCases.map(\.rawValue)),
                "contributingReviews": .integer(minimum: 0),
            ],
            optional: [
                "frameworkId": .uuid, "code": .string(), "statement": .string(), "score": .score, "level": levelObject,
                "firstMasteredAt": .timestamp, "latestReviewAt": .timestamp,
            ]),
        "Progress": .object(
            required: [
                "learnerId": .uuid,
                "summary": .object(required: [
                    "total": .integer(minimum: 0), "mastered": .integer(minimum: 0),
                    "inProgress": .integer(minimum: 0), "notStarted": .integer(minimum: 0),
                ]),
                "competencies": .array(of: .reference("MasteryState")),
            ],
            optional: ["frameworkId": .uuid, "asOf": .timestamp]),
        "MasteryExplanation": masteryExplanation,
        "ReadyToLearn": .object(required: [
            "learnerId": .uuid,
            "ready": .array(of: .object(
                required: ["competencyId": .uuid, "code": .string(), "goalsUnblocked": .integer(minimum: 0)],
                optional: ["statement": .string()])),
            "gaps": .array(of: .object(required: [
                "goalId": .uuid, "competencyId": .uuid, "code": .string(), "ready": .boolean,
            ])),
        ]),

        // Classes (``ClassRepresentation``, ``ClassMasteryRepresentation``).
        "Class": .object(
            required: [
                "id": .uuid, "title": .string(), "createdAt": .timestamp,
                "learnerIds": .array(of: .uuid, uniqueItems: true), "assessorIds": .array(of: .uuid, uniqueItems: true),
            ],
            optional: ["code": .string(), "sourcedId": .string()]),
        "ClassPage": page(of: "Class"),
        "ClassCreation": .object(
            required: ["title": text(maxLength: 300)],
            optional: [
                "code": text(maxLength: 100).orNull.described("The timetable's code for it."),
                "sourcedId": text(maxLength: 255).orNull.described("The class's id in the roster (OneRoster `sourcedId`), unique in the institution."),
            ]),
        "ClassMastery": .object(required: [
            "classId": .uuid, "frameworkId": .uuid,
            "competencies": .array(of: .object(
                required: [
                    "competencyId": .uuid, "statement": .string(),
                    "source": JSONSchema.enumeration(["direct", "rollup"]).described("`direct`: rated; `rollup`: learned through its children."),
                    "mastered": .integer(minimum: 0), "inProgress": .integer(minimum: 0), "notStarted": .integer(minimum: 0),
                ],
                optional: ["code": .string()])),
            "learners": .array(of: .object(required: [
                "learnerId": .uuid, "givenName": .string(), "familyName": .string(),
                "statuses": JSONSchema.array(of: .enumeration(MasteryStatus.allCases.map(\.rawValue)))
                    .described("One status per entry of `competencies`, in that order."),
                "mastered": .integer(minimum: 0),
            ])),
        ]),

        // Caseload and early warning (``CaseloadRepresentation``, ``EarlyWarningSettingsRepresentation``).
        "Caseload": .object(required: [
            "advisorId": .uuid, "asOf": JSONSchema.timestamp.described("When the flags were judged."),
            "thresholds": .object(required: [
                "quietDays": .integer(minimum: 1, maximum: 365), "reviewWaitDays": .integer(minimum: 1, maximum: 365),
                "pacingWindowDays": .integer(minimum: 1, maximum: 365),
            ]),
            "items": .array(of: .reference("CaseloadItem")),
            "next": JSONSchema.string(format: "uri-reference").orNull
                .described("The path and query of the next page; null on the last page."),
        ]),
        "CaseloadItem": .object(required: [
            "learnerId": .uuid, "givenName": .string(), "familyName": .string(),
            "plan": JSONSchema.object(required: [
                "id": .uuid, "status": .enumeration(PlanStatus.allCases.filter { $0 != .archived }.map(\.rawValue)), "startDate": .date,
            ]).orNull.described("The latest plan that is not archived; null when there is none."),
            "goalsAtRisk": .object(required: ["count": .integer(minimum: 0), "goalIds": .array(of: .uuid)]),
            "evidenceWaiting": .object(required: [
                "count": .integer(minimum: 0), "oldestSubmittedAt": JSONSchema.timestamp.orNull,
                "waitingDays": JSONSchema.integer(minimum: 0).orNull,
            ]),
            "lastEvidenceAt": JSONSchema.timestamp.orNull,
            "daysSinceLastEvidence": JSONSchema.integer(minimum: 0).orNull,
            "flags": .array(of: .enumeration(CaseloadFlag.allCases.map(\.rawValue)), uniqueItems: true),
        ]),
        "EarlyWarningSettings": .object(
            required: [
                "quietDays": .integer(minimum: 1, maximum: 365), "reviewWaitDays": .integer(minimum: 1, maximum: 365),
                "pacingWindowDays": .integer(minimum: 1, maximum: 365),
            ],
            optional: ["updatedBy": .uuid, "updatedAt": .timestamp]),
        "EarlyWarningSettingsInput": .object(required: [
            "quietDays": JSONSchema.integer(minimum: 1, maximum: 365).described("No evidence for this many days flags `no_recent_evidence`."),
            "reviewWaitDays": JSONSchema.integer(minimum: 1, maximum: 365).described("Evidence waiting this many days for review flags `review_overdue`."),
            "pacingWindowDays": JSONSchema.integer(minimum: 1, maximum: 365).described("The window over which a goal's pace is measured."),
        ]),

        // Frameworks (`Frameworks/*Representation.swift`, ``FrameworkImportResult``, ``MasteryPolicyInput``).
        "ProficiencyScale": .object(required: ["levels": .array(of: levelObject, minItems: 1), "masteryThreshold": .score]),
        "MasteryPolicy": masteryPolicy(request: false),
        "MasteryPolicyInput": masteryPolicy(request: true),
        "Framework": .object(
            required: [
                "id": .uuid, "uri": .string(), "title": .string(), "creator": .string(), "subjects": .array(of: .string()),
                "lastChangedAt": .timestamp, "competencyCount": .integer(minimum: 0), "retiredCompetencyCount": .integer(minimum: 0),
                "defaultScale": .reference("ProficiencyScale"), "masteryPolicy": .reference("MasteryPolicy"),
                "createdAt": .timestamp, "updatedAt": .timestamp,
            ],
            optional: ["version": .string(), "language": .string(), "adoptionStatus": .string(), "policyEffectiveFrom": .timestamp]),
        "FrameworkPage": page(of: "Framework"),
        "FrameworkImportResult": .object(required: [
            "frameworkId": .uuid, "title": .string(),
            "document": .enumeration(["created", "updated", "unchanged"]),
            "items": .reference("RecordCounts"), "associations": .reference("RecordCounts"),
            "warnings": .array(of: .object(required: ["pointer": .string(), "message": .string()])),
        ]),
        "RecordCounts": .object(required: [
            "created": .integer(minimum: 0), "updated": .integer(minimum: 0), "unchanged": .integer(minimum: 0),
            "retired": .integer(minimum: 0),
        ]),
        "Competency": .object(
            required: competencyMembers,
            optional: competencyOptionalMembers),
        "CompetencyPage": page(of: "Competency"),
        "CompetencyTree": .object(required: ["frameworkId": .uuid, "roots": .array(of: .reference("CompetencyTreeNode"))]),
        "CompetencyTreeNode": .object(
            members: competencyMembersAnd([("children", .array(of: .reference("CompetencyTreeNode")))]),
            optionalMembers: competencyOptionalMembersAnd([("expandedElsewhere", .boolean)])),
        "CompetencyDetail": .object(
            members: competencyMembersAnd([
                ("framework", .object(required: ["id": .uuid, "title": .string()])),
                ("parents", .array(of: .reference("CompetencyLink"))), ("children", .array(of: .reference("CompetencyLink"))),
                ("prerequisites", .array(of: .reference("CompetencyLink"))), ("dependents", .array(of: .reference("CompetencyLink"))),
                ("related", .array(of: .reference("CompetencyLink"))),
            ]),
            optionalMembers: competencyOptionalMembersAnd([])),
        "CompetencyLink": .object(
            required: [
                "associationId": .uuid, "associationType": .string(), "direction": .enumeration(["outgoing", "incoming"]),
                "local": .boolean,
                "node": .object(
                    required: ["kind": .enumeration(["competency", "framework", "external"])],
                    optional: [
                        "id": .uuid, "identifier": .string(), "frameworkId": .uuid, "humanCodingScheme": .string(),
                        "fullStatement": .string(), "title": .string(), "uri": .string(), "retired": .boolean,
                    ]),
            ],
            optional: ["sequenceNumber": .integer()]),
        "MasteryPolicyApplied": .object(required: [
            "frameworkId": .uuid, "effectiveFrom": .timestamp, "changedBy": .uuid, "policy": .reference("MasteryPolicy"),
            "scale": .reference("ProficiencyScale"), "learnersRecomputed": .integer(minimum: 0), "statesWritten": .integer(minimum: 0),
        ]),
        "MasteryPolicyPreview": .object(required: [
            "frameworkId": .uuid, "learnersEvaluated": .integer(minimum: 0), "learnersWithStatusChanges": .integer(minimum: 0),
            "scoreOnlyChanges": .integer(minimum: 0),
            "statusChanges": .array(of: .object(
                required: [
                    "learnerId": .uuid, "competencyId": .uuid,
                    "currentStatus": .enumeration(MasteryStatus.allCases.map(\.rawValue)),
                    "proposedStatus": .enumeration(MasteryStatus.allCases.map(\.rawValue)),
                ],
                optional: ["code": .string(), "currentScore": .score, "proposedScore": .score])),
        ]),
    ]

    /// Members every competency representation has (``CompetencyRepresentation``).
    static let competencyMembers: KeyValuePairs<String, JSONSchema> = [
        "id": .uuid, "frameworkId": .uuid, "uri": .string(), "fullStatement": .string(),
        "educationLevels": .array(of: .string()), "position": .integer(minimum: 0), "parentIds": .array(of: .uuid),
        "retired": .boolean, "createdAt": .timestamp, "updatedAt": .timestamp,
    ]

    /// Members a competency representation has when they are set.
    static let competencyOptionalMembers: KeyValuePairs<String, JSONSchema> = [
        "humanCodingScheme": .string(), "abbreviatedStatement": .string(), "itemType": .string(),
        "listEnumeration": .string(), "listPosition": .integer(), "scaleOverride": .reference("ProficiencyScale"),
        "retiredAt": .timestamp,
    ]

    static func competencyMembersAnd(_ more: [(String, JSONSchema)]) -> [(String, JSONSchema)] {
        competencyMembers.map { ($0.key, $0.value) } + more
    }

    static func competencyOptionalMembersAnd(_ more: [(String, JSONSchema)]) -> [(String, JSONSchema)] {
        competencyOptionalMembers.map { ($0.key, $0.value) } + more
    }

    /// A mastery policy as ``MasteryPolicyRepresentation`` writes it, or as ``MasteryPolicyInput``
    /// reads it (everything optional, `scale` allowed, points as numbers or strings).
    static func masteryPolicy(request: Bool) -> JSONSchema {
        let methods = JSONSchema.enumeration(MasteryMethod.names)
        let points: JSONSchema = request
            ? .anyOf([.number(minimum: "0", maximum: "99999.99", multipleOf: "0.01"), .string(pattern: #"^[0-9]{1,5}(\.[0-9]{1,2})?$"#)])
            : .score
        let rollup = JSONSchema.object(
            required: ["kind": .enumeration(["all", "points", "none"])],
            optional: request
                ? ["requiredPoints": points, "weights": .array(of: .object(required: ["competencyId": .uuid, "weight": points]))]
                : ["requiredPoints": .score, "weights": .array(of: .object(required: ["competencyId": .uuid, "weight": .score]))])
        let override = JSONSchema.object(required: ["competencyId": .uuid, "method": methods],
                                         optional: ["parameter": .integer(minimum: 1, maximum: 99)])
        let parentRollup = JSONSchema.object(required: ["competencyId": .uuid, "rollup": rollup])
        if request {
            return .object(
                required: [:],
                optional: [
                    "method": methods, "parameter": .integer(minimum: 1, maximum: 99),
                    "methodOverrides": .array(of: override), "defaultRollup": rollup, "rollups": .array(of: parentRollup),
                    "scale": .object(required: [
                        "levels": .array(of: .object(required: ["label": .string(minLength: 1, maxLength: 100), "points": points]),
                                         minItems: 1, maxItems: 20),
                        "masteryThreshold": points,
                    ]),
                ],
                description: "`n_mastery`, `weighted_average` and `decaying_average` take a `parameter` (1–99); the other methods none.")
        }
        return .object(
            required: ["method": methods, "methodOverrides": .array(of: override), "defaultRollup": rollup, "rollups": .array(of: parentRollup)],
            optional: ["parameter": .integer(minimum: 1, maximum: 99)])
    }

    /// An RFC 9457 problem as ``ProblemDetails`` encodes it (`errors` always present).
    static let problem: JSONSchema = {
        var fieldError = JSONSchema.object(
            required: ["detail": .string()],
            optional: [
                "pointer": JSONSchema.string().described("A JSON pointer into the request body (for a file of an uploaded package, `/<file>/<line>/<column>`)."),
                "parameter": JSONSchema.string().described("The name of a query parameter."),
                "file": JSONSchema.string().described("The file of an uploaded package (a OneRoster CSV) the problem is in."),
                "line": JSONSchema.integer(minimum: 1).described("Its physical line (1-based; the header is line 1); absent when the problem is the whole file's."),
                "column": JSONSchema.string().described("The column header concerned."),
            ])
        fieldError.object["oneOf"] = .array([
            .object(JSONObject(["required": .array([.string("pointer")])])),
            .object(JSONObject(["required": .array([.string("parameter")])])),
        ])
        return .object(required: [
            "type": .string(), "title": .string(), "status": .integer(minimum: 400, maximum: 599), "detail": .string(),
            "errors": .array(of: fieldError),
        ])
    }()

    /// The body of `POST /v1/learners/{id}/evidence`, one shape per kind (``EvidenceSubmission``).
    static let evidenceSubmission: JSONSchema = {
        func kind(_ kind: EvidenceKind, required: KeyValuePairs<String, JSONSchema>,
                  optional: KeyValuePairs<String, JSONSchema> = [:]) -> JSONSchema {
            var all: [(String, JSONSchema)] = [
                ("kind", .constant(kind.rawValue)), ("title", text(maxLength: 300)),
                ("competencyIds", .array(of: .uuid, minItems: 1, maxItems: 50, uniqueItems: true)),
            ]
            all += required.map { ($0.key, $0.value) }
            var optionalAll: [(String, JSONSchema)] = [
                ("description", anyText(maxLength: 10_000).orNull),
                ("previousRevisionId", JSONSchema.uuid.orNull
                    .described("The returned evidence this is a revision of (same learner).")),
            ]
            optionalAll += optional.map { ($0.key, $0.value) }
            var properties = JSONObject()
            for (name, schema) in all + optionalAll { properties[name] = schema.json }
            return JSONSchema(JSONObject([
                "type": .string("object"), "title": .string(kind.rawValue), "properties": .object(properties),
                "required": .array(all.map { .string($0.0) }), "additionalProperties": .bool(false),
            ]))
        }
        return .oneOf([
            kind(.link, required: ["url": .string(maxLength: 2048, pattern: #"^[Hh][Tt][Tt][Pp][Ss]?://[^\u0000]*$"#)]),
            kind(.text, required: ["text": text(maxLength: 100_000)]),
            kind(.file, required: [:], optional: [
                "mediaType": JSONSchema.string(maxLength: 255, pattern: mediaTypePattern).orNull
                    .described("The media type of the file to come (`PUT /v1/evidence/{id}/file` sets the real one)."),
            ]),
            kind(.assessmentResult, required: ["assessment": text(maxLength: 300), "result": text(maxLength: 300)]),
            kind(.observation, required: ["notes": text(maxLength: 100_000), "observedOn": .date]),
        ])
    }()

    /// The body of `POST /v1/evidence/{id}/reviews`: an outcome (default `accepted`) and ratings;
    /// accepting needs at least one rating.
    static let reviewSubmission: JSONSchema = {
        let rating = JSONSchema.object(
            required: [
                "competencyId": .uuid,
                "points": points.described("A level of the competency's scale: a number with at most two decimal places, or the same as a string."),
            ],
            optional: [
                "comment": anyText(maxLength: 10_000).orNull,
                "supersedes": JSONSchema.uuid.orNull.described("An earlier review of the same learner and competency that this one corrects."),
            ])
        let ratings = { (minimum: Int) in JSONSchema.array(of: rating, minItems: minimum, maxItems: 50) }
        // Returning takes any number of ratings; accepting (also when `outcome` is left out) at least one.
        return .anyOf([
            .object(required: ["outcome": .constant("returned")], optional: ["ratings": ratings(0).orNull]),
            .object(required: ["ratings": ratings(1)], optional: ["outcome": JSONSchema.enumeration(["accepted"]).orNull]),
        ])
    }()

    /// `GET /v1/learners/{id}/progress/{competencyId}` (``MasteryExplanationRepresentation``).
    static let masteryExplanation = JSONSchema.object(
        required: [
            "learnerId": .uuid, "competencyId": .uuid, "statement": .string(),
            "status": .enumeration(MasteryStatus.allCases.map(\.rawValue)),
            "method": .object(
                required: ["name": .enumeration(["latest", "highest", "average", "n_mastery", "weighted_average", "decaying_average"])],
                optional: ["parameter": .integer()]),
            "scale": .reference("ProficiencyScale"),
            "counted": .array(of: .object(required: [
                "reviewId": .uuid, "points": .score, "recordedAt": .timestamp, "used": .boolean,
            ])),
            "excluded": .array(of: .object(
                required: ["reviewId": .uuid, "reason": .enumeration(["recorded_after_as_of", "superseded", "negative_points"])],
                optional: ["supersededBy": .uuid])),
            "steps": .array(of: .string()),
            "explanation": .array(of: .string()),
        ],
        optional: [
            "code": .string(), "asOf": .timestamp, "score": .score, "level": levelObject, "firstMasteredAt": .timestamp,
            "exactScore": JSONSchema.string().described("The unrounded value, exactly (a fraction when it does not terminate)."),
            "qualifyingScoresNeeded": JSONSchema.integer(minimum: 0).described("`n_mastery`: how many more scores at the threshold are needed."),
            "rollup": .object(required: [
                "rule": .enumeration(["all", "points", "none"]), "masteredChildren": .array(of: .uuid),
                "earnedPoints": .score, "requiredPoints": .score,
            ]),
        ])

    // MARK: - Responses, parameters, security

    /// The shared problem responses, by status.
    static let problemResponseNames: [Int: String] = [
        400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 409: "Conflict", 412: "PreconditionFailed",
        413: "ContentTooLarge", 414: "URITooLong", 415: "UnsupportedMediaType", 422: "UnprocessableContent", 428: "PreconditionRequired",
        503: "ServiceUnavailable",
    ]

    private static let problemDescriptions: [Int: String] = [
        400: "The request cannot be understood: not JSON, wrong types, missing or unknown members, an invalid query parameter or header. `errors` names each problem.",
        401: "No valid bearer token; `WWW-Authenticate` says why.",
        404: "No such record, or not the caller's to see (a malformed id in the path too).",
        403: "The caller may see this record but may not make this change to it (named in `detail`).",
        409: "The record's state forbids this.",
        412: "`If-Match` names a version that is no longer current: read the record again (its current `ETag` is sent back) and retry.",
        428: "This change needs `If-Match` with the ETag last read.",
        413: "The body is larger than the operation's limit.",
        414: "The request line (method, path and query) is longer than the server's limit (8 KiB by default): long query values do not fit.",
        415: "The body is not of a media type this operation takes.",
        422: "Understood but refused by a rule (named in `detail` and `errors`), or an `Idempotency-Key` already used for a different request.",
        503: "The service cannot serve now.",
    ]

    static var responses: JSONObject {
        var object = JSONObject()
        for (status, name) in problemResponseNames.sorted(by: { $0.key < $1.key }) {
            var response = JSONObject(["description": .string(problemDescriptions[status]!)])
            if status == 412 {
                response["headers"] = .object(JSONObject([
                    "ETag": .object(JSONObject(["description": .string("The record's current ETag."), "required": .bool(true),
                                                "schema": JSONSchema.string().json])),
                ]))
            }
            if status == 401 {
                response["headers"] = .object(JSONObject([
                    "WWW-Authenticate": .object(JSONObject([
                        "description": .string(#"`Bearer realm="pathfolio"`, with `error="invalid_token"` when a token was sent."#),
                        "required": .bool(true), "schema": JSONSchema.string(pattern: "^Bearer ").json,
                    ])),
                ]))
            }
            let schema = JSONSchema.allOf([
                .reference("Problem"),
                JSONSchema(JSONObject(["properties": .object(JSONObject(["status": JSONSchema.constant(status).json]))])),
            ])
            response["content"] = .object(JSONObject(["application/problem+json": .object(JSONObject(["schema": schema.json]))]))
            object[name] = .object(response)
        }
        return object
    }

    static let parameters = JSONObject([
        "IdempotencyKey": .object(JSONObject([
            "name": .string("Idempotency-Key"), "in": .string("header"), "required": .bool(false),
            "description": .string("Makes a retry safe: the same key with the same request answers the first response again (with `Idempotent-Replayed: true`) and creates nothing; with a different request it answers 422. 1 to 255 visible ASCII characters."),
            "schema": JSONSchema.string(pattern: "^[!-~]{1,255}$").json,
        ])),
    ])

    static let securitySchemes = JSONObject([
        "bearer": .object(JSONObject([
            "type": .string("http"), "scheme": .string("bearer"),
            "description": .string("An API token (`pf_` and 43 base64url characters) made with `POST /v1/tokens` or printed by `pathfolio dev`."),
        ])),
    ])

    // MARK: - Headers of success responses

    /// `Location` of a created record.
    static func location(_ example: String) -> JSONValue {
        .object(JSONObject([
            "description": .string("The created record, e.g. `\(example)`."), "required": .bool(true),
            "schema": JSONSchema.string(format: "uri-reference").json,
        ]))
    }

    /// `Idempotent-Replayed: true` on a replay.
    static let replayed: JSONValue = .object(JSONObject([
        "description": .string("`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`."),
        "required": .bool(false), "schema": JSONSchema.constant("true").json,
    ]))
}
