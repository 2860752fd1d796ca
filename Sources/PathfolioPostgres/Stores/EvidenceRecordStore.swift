public import Foundation
public import PathfolioCore

/// Evidence, its claims and attached files, in the caller's transaction (SPEC §1.3).
public struct EvidenceRecordStore: Sendable {
    /// A stored attachment.
    public struct StoredFile: Sendable {
        public let content: [UInt8]
        public let mediaType: String
        public let sha256: [UInt8]
    }

    /// A list filter.
    public struct Filter: Sendable {
        public var status: EvidenceStatus?
        public var competency: CompetencyID?
        public init(status: EvidenceStatus? = nil, competency: CompetencyID? = nil) {
            self.status = status
            self.competency = competency
        }
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Inserts new evidence with its claims, as one statement to send with other writes; it
    /// returns the submission time, which is the transaction's start (`now()`).
    public static func insertion(_ evidence: Evidence) -> PostgresStatement<Date> {
        let columns = Columns(evidence.content)
        return PostgresStatement("""
            WITH e AS (
                INSERT INTO evidence (institution_id, id, learner_id, submitted_by, kind, title, description, url, body,
                                      assessment, result, observed_on, file_sha256, file_media_type, previous_revision)
                VALUES (pathfolio_current_institution(), \(evidence.id), \(evidence.learnerID), \(evidence.submittedBy),
                        \(evidence.kind.rawValue), \(evidence.title), \(evidence.description), \(columns.url), \(columns.body),
                        \(columns.assessment), \(columns.result), \(columns.observedOn), NULL, \(columns.mediaType),
                        \(evidence.previousRevision))
                RETURNING institution_id, id, submitted_at),
            c AS (
                INSERT INTO evidence_claims (institution_id, evidence_id, competency_id, position)
                SELECT e.institution_id, e.id, claim.competency, claim.ordinality - 1
                FROM e, unnest(\(evidence.competencies)::uuid[]) WITH ORDINALITY AS claim(competency, ordinality))
            SELECT submitted_at FROM e
            """) { rows in try rows[0].decode(Date.self, at: 0) }
    }

    /// `evidence` as stored at `submittedAt`.
    public static func stored(_ evidence: Evidence, submittedAt: Date) -> Evidence {
        Evidence(storedID: evidence.id, learnerID: evidence.learnerID, submittedBy: evidence.submittedBy,
                 title: evidence.title, description: evidence.description, content: evidence.content,
                 competencies: evidence.competencies, status: evidence.status, submittedAt: submittedAt,
                 previousRevision: evidence.previousRevision)
    }

    private static let selectColumns = """
        SELECT e.id, e.learner_id, e.submitted_by, e.kind, e.title, e.description, e.url, e.body, e.assessment, e.result,
               e.observed_on, encode(e.file_sha256, 'hex') AS file_sha256, e.file_media_type,
               (SELECT f.byte_count FROM evidence_files f WHERE f.sha256 = e.file_sha256) AS file_size,
               e.status, e.submitted_at, e.previous_revision,
               array(SELECT c.competency_id FROM evidence_claims c WHERE c.evidence_id = e.id ORDER BY c.position) AS claims
        FROM evidence e
        """

    /// One item; `forUpdate` locks it until the transaction ends (status changes, reviews).
    public func evidence(_ id: EvidenceID, forUpdate: Bool = false) async throws -> Evidence? {
        try await connection.run(Self.item(id, forUpdate: forUpdate))
    }

    /// ``evidence(_:forUpdate:)`` as a statement, to send with others.
    public static func item(_ id: EvidenceID, forUpdate: Bool = false) -> PostgresStatement<Evidence?> {
        PostgresStatement("""
            \(unescaped: selectColumns) WHERE e.id = \(id) \(unescaped: forUpdate ? "FOR UPDATE" : "")
            """) { rows in try rows.first.map(evidence(from:)) }
    }

    /// A learner's items, newest first, after the keyset position (`submittedAt`, `id`).
    public func evidence(of learner: PersonID, filter: Filter, after: (Date, EvidenceID)?, limit: Int) async throws -> [Evidence] {
        try await connection.query("""
            \(unescaped: Self.selectColumns)
            WHERE e.learner_id = \(learner)
              AND (\(filter.status?.rawValue)::text IS NULL OR e.status = \(filter.status?.rawValue))
              AND (\(filter.competency)::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM evidence_claims c WHERE c.evidence_id = e.id AND c.competency_id = \(filter.competency)))
              AND (\(after?.0)::timestamptz IS NULL OR (e.submitted_at, e.id) < (\(after?.0), \(after?.1)))
            ORDER BY e.submitted_at DESC, e.id DESC LIMIT \(limit)
            """).map(Self.evidence(from:))
    }

    /// Evidence waiting for review (`submitted`, `in_review`) of these learners, oldest first,
    /// after the keyset position.
    public func waiting(for learners: [PersonID], after: (Date, EvidenceID)?, limit: Int) async throws -> [Evidence] {
        try await connection.query("""
            \(unescaped: Self.selectColumns)
            WHERE e.status IN ('submitted', 'in_review') AND e.learner_id = ANY (\(learners)::uuid[])
              AND (\(after?.0)::timestamptz IS NULL OR (e.submitted_at, e.id) > (\(after?.0), \(after?.1)))
            ORDER BY e.submitted_at, e.id LIMIT \(limit)
            """).map(Self.evidence(from:))
    }

    /// Moves `id` from `from` to `to`; false when it was no longer in `from`.
    public func changeStatus(of id: EvidenceID, from: EvidenceStatus, to: EvidenceStatus) async throws -> Bool {
        try await connection.run(Self.statusChange(of: id, from: from, to: to))
    }

    /// ``changeStatus(of:from:to:)`` as a statement, to send with other writes.
    public static func statusChange(of id: EvidenceID, from: EvidenceStatus, to: EvidenceStatus) -> PostgresStatement<Bool> {
        PostgresStatement("""
            UPDATE evidence SET status = \(to.rawValue), status_changed_at = now()
            WHERE id = \(id) AND status = \(from.rawValue)
            """) { rows in rows.affectedRows == 1 }
    }

    /// Stores `content` by its SHA-256 (once per institution) and attaches it to file evidence `id`.
    public func attach(_ content: [UInt8], sha256: [UInt8], mediaType: String, to id: EvidenceID) async throws {
        _ = try await connection.query("""
            INSERT INTO evidence_files (institution_id, sha256, byte_count, content)
            VALUES (pathfolio_current_institution(), \(PostgresBytes(sha256)), \(content.count), \(PostgresBytes(content)))
            ON CONFLICT DO NOTHING
            """)
        _ = try await connection.query("""
            UPDATE evidence SET file_sha256 = \(PostgresBytes(sha256)), file_media_type = \(mediaType) WHERE id = \(id)
            """)
    }

    /// The file attached to `id`, if any.
    public func file(of id: EvidenceID) async throws -> StoredFile? {
        let rows = try await connection.query("""
            SELECT f.content, e.file_media_type, f.sha256 FROM evidence e
            JOIN evidence_files f ON f.institution_id = e.institution_id AND f.sha256 = e.file_sha256
            WHERE e.id = \(id)
            """)
        guard let row = rows.first else { return nil }
        return StoredFile(content: try row.decode(PostgresBytes.self, at: 0).bytes,
                          mediaType: try row.decode(String?.self, at: 1) ?? "application/octet-stream",
                          sha256: try row.decode(PostgresBytes.self, at: 2).bytes)
    }

    /// Which of `ids` are competencies of the institution that are not retired, as a statement
    /// to send with others.
    public static func active(among ids: [CompetencyID]) -> PostgresStatement<Set<CompetencyID>> {
        PostgresStatement("""
            SELECT id FROM competencies WHERE id = ANY (\(ids)::uuid[]) AND retired_at IS NULL
            """) { rows in Set(try rows.map { try $0.decode(CompetencyID.self, at: 0) }) }
    }

    private static func evidence(from row: PostgresRow) throws -> Evidence {
        let kind = EvidenceKind(rawValue: try row.decode(String.self, named: "kind")) ?? .text
        let content: EvidenceContent = switch kind {
        case .link: .link(url: try row.decode(String.self, named: "url"))
        case .text: .text(try row.decode(String.self, named: "body"))
        case .file: .file(sha256: try row.decode(String?.self, named: "file_sha256"),
                          byteCount: try row.decode(Int?.self, named: "file_size"),
                          mediaType: try row.decode(String?.self, named: "file_media_type"))
        case .assessmentResult: .assessmentResult(assessment: try row.decode(String.self, named: "assessment"),
                                                  result: try row.decode(String.self, named: "result"))
        case .observation: .observation(notes: try row.decode(String.self, named: "body"),
                                        observedOn: try row.decode(CalendarDate.self, named: "observed_on"))
        }
        return Evidence(
            storedID: try row.decode(EvidenceID.self, named: "id"),
            learnerID: try row.decode(PersonID.self, named: "learner_id"),
            submittedBy: try row.decode(PersonID.self, named: "submitted_by"),
            title: try row.decode(String.self, named: "title"),
            description: try row.decode(String.self, named: "description"),
            content: content,
            competencies: try row.decode([CompetencyID].self, named: "claims"),
            status: EvidenceStatus(rawValue: try row.decode(String.self, named: "status")) ?? .submitted,
            submittedAt: try row.decode(Date.self, named: "submitted_at"),
            previousRevision: try row.decode(EvidenceID?.self, named: "previous_revision"))
    }

    /// The content's columns.
    private struct Columns {
        var url: String?
        var body: String?
        var assessment: String?
        var result: String?
        var observedOn: CalendarDate?
        var mediaType: String?

        init(_ content: EvidenceContent) {
            switch content {
            case .link(let url): self.url = url
            case .text(let text): body = text
            case .file(_, _, let mediaType): self.mediaType = mediaType
            case .assessmentResult(let assessment, let result):
                self.assessment = assessment
                self.result = result
            case .observation(let notes, let observedOn):
                body = notes
                self.observedOn = observedOn
            }
        }
    }
}
