import Foundation
import PathfolioCore
import PathfolioCrypto
import PathfolioHTTP
import PathfolioPostgres

/// The evidence ledger over HTTP (SPEC §1.3): submit, attach a file, read, list, withdraw.
/// Reviews are in ``ReviewRoutes``.
struct EvidenceRoutes {
    let context: APIContext

    /// Attached files: at most 25 MiB (SPEC §3).
    static let fileLimit = Evidence.defaultFileLimit

    func register(on router: inout Router) {
        let context = self.context
        router.post("/v1/learners/{id}/evidence", APIContext.handler { request in
            let learner: PersonID = try request.identifier("id")
            let body = try await request.jsonBody()
            let submission = try EvidenceSubmission(RequestObject.parse(body))
            // Which claimed competencies exist (and the evidence revised, locked) are read with
            // the statements that open the transaction; the insert and the audit row go with
            // the commit: two round trips.
            return try await context.creation(request, body: body, reading: { batch, _ in
                (batch.add(EvidenceRecordStore.active(among: submission.competencies)),
                 submission.previousRevision.map { batch.add(EvidenceRecordStore.item($0, forUpdate: true)) })
            }) { session, reads in
                try session.require(.submitEvidence, learner: learner)
                let known = try session.read(reads.0)
                let unknown = submission.competencies.enumerated().filter { !known.contains($0.element) }
                guard unknown.isEmpty else {
                    throw APIError.unprocessable("Evidence must claim competencies of this institution's frameworks.",
                                                 errors: unknown.map { .init(pointer: "/competencyIds/\($0.offset)", detail: "No such competency.") })
                }
                let id = EvidenceID(UUID())
                var evidence: Evidence
                do {
                    if let revised = reads.1 {
                        guard let previous = try session.read(revised), previous.learnerID == learner else {
                            throw APIError.unprocessable("No such evidence to revise.",
                                                         errors: [.init(pointer: "/previousRevisionId", detail: "No such evidence of this learner.")])
                        }
                        evidence = try previous.revision(id: id, title: submission.title, description: submission.description,
                                                         content: submission.content, competencies: submission.competencies,
                                                         submittedBy: session.personID, submittedAt: session.now)
                    } else {
                        evidence = try Evidence(id: id, learnerID: learner, submittedBy: session.personID, title: submission.title,
                                                description: submission.description, content: submission.content,
                                                competencies: submission.competencies, submittedAt: session.now)
                    }
                } catch let invalid as Evidence.Invalid {
                    throw EvidenceRoutes.problem(invalid)
                }
                // Stored at the transaction's start, which the insert's `now()` default gives it.
                evidence = EvidenceRecordStore.stored(evidence, submittedAt: session.transactionStartedAt)
                session.enqueue(EvidenceRecordStore.insertion(evidence))
                session.enqueue(AuditLogStore.entry(actor: session.personID, action: "evidence.submit", targetType: "evidence",
                                                    targetID: id.uuid))
                return .json(EvidenceRepresentation(evidence, reviews: []), status: .created,
                             headers: ["Location": "/v1/evidence/\(id)"])
            }
        })

        router.get("/v1/evidence/{id}", APIContext.handler { request in
            let id: EvidenceID = try request.identifier("id")
            return try await context.session(request) { session in
                let evidence = try await EvidenceRoutes.evidence(id, readableIn: session, for: .readEvidence)
                let reviews = try await ReviewLedgerStore(connection: session.connection).reviews(ofEvidence: id)
                return .json(EvidenceRepresentation(evidence, reviews: reviews))
            }
        })

        router.get("/v1/learners/{id}/evidence", APIContext.handler { request in
            let learner: PersonID = try request.identifier("id")
            let page = try PageRequest(request, keyCount: 2)
            let after = try EvidenceRoutes.keyset(page)
            var filter = EvidenceRecordStore.Filter()
            if let text = request.query("status") {
                guard let status = EvidenceStatus(rawValue: text) else {
                    throw APIError.invalidParameter("status", "Must be one of: \(EvidenceStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                filter.status = status
            }
            if let text = request.query("competency") {
                guard let competency = CompetencyID(text) else { throw APIError.invalidParameter("competency", "Must be a UUID.") }
                filter.competency = competency
            }
            return try await context.session(request) { session in
                try session.require(.readEvidence, learner: learner)
                let items = try await EvidenceRecordStore(connection: session.connection)
                    .evidence(of: learner, filter: filter, after: after, limit: page.limit + 1)
                return .json(Page(fetched: items.map { EvidenceRepresentation($0) }, request: request, page: page) {
                    [Timestamp.format($0.submittedAt), $0.id]
                })
            }
        })

        router.post("/v1/evidence/{id}/withdraw", APIContext.handler { request in
            let id: EvidenceID = try request.identifier("id")
            return try await context.session(request) { session in
                let store = EvidenceRecordStore(connection: session.connection)
                var evidence = try await EvidenceRoutes.evidence(id, readableIn: session, for: .withdrawEvidence, forUpdate: true)
                let from = evidence.status
                do {
                    try evidence.transition(to: .withdrawn)
                } catch let error as EvidenceStatus.IllegalTransition {
                    throw EvidenceRoutes.problem(error)
                }
                _ = try await store.changeStatus(of: id, from: from, to: .withdrawn)
                try await session.audit("evidence.withdraw", target: "evidence", id: id.uuid)
                return .json(EvidenceRepresentation(evidence))
            }
        })

        router.put("/v1/evidence/{id}/file", bodyLimit: Self.fileLimit, APIContext.handler { request in
            let id: EvidenceID = try request.identifier("id")
            let mediaType = request.headers["Content-Type"]?.trimmingCharacters(in: .whitespaces) ?? ""
            guard EvidenceRoutes.isMediaType(mediaType) else {
                throw APIError.unsupportedMediaType("Send the file with its media type in Content-Type (e.g. application/pdf).")
            }
            // Read the whole upload before the transaction: a slow client must not hold a connection.
            let content: [UInt8]
            do {
                content = try await request.body.collect(upTo: Self.fileLimit)
            } catch HTTPBodyError.tooLarge(let limit) {
                throw APIError.contentTooLarge(limit: limit)
            }
            guard !content.isEmpty else { throw APIError.badRequest("The file is empty.") }
            let sha256 = SHA256.hash(content)
            return try await context.session(request) { session in
                let evidence = try await EvidenceRoutes.evidence(id, readableIn: session, for: .submitEvidence, forUpdate: true)
                guard evidence.kind == .file else {
                    throw APIError.conflict("Only evidence of kind `file` takes a file; this one is `\(evidence.kind.rawValue)`.")
                }
                guard evidence.status == .submitted else {
                    throw APIError.conflict("The file can only be replaced while the evidence is `submitted`; it is `\(evidence.status.rawValue)`.")
                }
                let store = EvidenceRecordStore(connection: session.connection)
                try await store.attach(content, sha256: sha256, mediaType: mediaType, to: id)
                try await session.audit("evidence.file", target: "evidence", id: id.uuid)
                guard let stored = try await store.evidence(id) else { throw APIError.notFound }
                return .json(EvidenceRepresentation(stored))
            }
        })

        router.get("/v1/evidence/{id}/file", APIContext.handler { request in
            let id: EvidenceID = try request.identifier("id")
            return try await context.session(request) { session in
                _ = try await EvidenceRoutes.evidence(id, readableIn: session, for: .readEvidence)
                guard let file = try await EvidenceRecordStore(connection: session.connection).file(of: id) else {
                    throw APIError.notFound
                }
                let etag = "\"" + SHA256.hex(file.sha256) + "\""
                if request.headers["If-None-Match"]?.contains(etag) == true {
                    return HTTPResponse(status: .notModified, headers: ["ETag": etag])
                }
                // Served as an attachment and never sniffed: an uploaded page must not run as ours.
                return HTTPResponse(status: .ok, headers: [
                    "Content-Type": file.mediaType, "ETag": etag, "X-Content-Type-Options": "nosniff",
                    "Content-Disposition": "attachment", "Cache-Control": "private, max-age=0",
                ], body: .bytes(file.content))
            }
        })
    }

    /// Evidence `id` when the caller may do `action` on its learner's records, else 404.
    static func evidence(_ id: EvidenceID, readableIn session: Session, for action: AccessAction,
                         forUpdate: Bool = false) async throws -> Evidence {
        guard let evidence = try await EvidenceRecordStore(connection: session.connection).evidence(id, forUpdate: forUpdate)
        else { throw APIError.notFound }
        try session.require(action, learner: evidence.learnerID)
        return evidence
    }

    /// The keyset of an evidence list cursor: (submittedAt, id).
    static func keyset(_ page: PageRequest) throws(APIError) -> (Date, EvidenceID)? {
        try page.position { key in Timestamp.parse(key[0]).flatMap { date in EvidenceID(key[1]).map { (date, $0) } } }
    }

    /// `type/subtype` with optional parameters, as RFC 9110 §8.3.1 writes it.
    static func isMediaType(_ text: String) -> Bool {
        let essence = text.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let parts = essence.split(separator: "/", omittingEmptySubsequences: false)
        let token = { (part: Substring) in
            !part.isEmpty && part.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || Array("!#$&-^_.+".utf8).contains(byte)
            }
        }
        return text.utf8.count <= 255 && parts.count == 2 && token(parts[0]) && token(parts[1])
    }

    static func problem(_ invalid: Evidence.Invalid) -> APIError {
        switch invalid {
        case .noCompetencies: .invalid("/competencyIds", "Claim at least one competency.")
        case .competencyRepeated(let id): .invalid("/competencyIds", "Competency \(id) is claimed twice.")
        case .emptyTitle: .invalid("/title", "Must not be empty.")
        case .notRevisable(let status, let revisable):
            .conflict("Only evidence that is \(revisable.map(\.rawValue).joined(separator: " or ")) can be revised; this one is `\(status.rawValue)`.")
        case .fileTooLarge(let size, let limit): .invalid("/", "The file has \(size) bytes; the limit is \(limit).")
        }
    }

    static func problem(_ illegal: EvidenceStatus.IllegalTransition) -> APIError {
        let allowed = illegal.allowed.isEmpty ? "none (it is final)" : illegal.allowed.map(\.rawValue).joined(separator: ", ")
        return .conflict("Evidence cannot go from `\(illegal.from.rawValue)` to `\(illegal.to.rawValue)`; allowed from here: \(allowed).")
    }
}
