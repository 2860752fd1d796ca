import Foundation
import PathfolioCore
import PathfolioCrypto
import PathfolioHTTP
import PathfolioInterop
import PathfolioPostgres

/// One learner's transcript (SPEC §1.6): read in any format as of any instant, certified
/// (frozen in every format, read back byte for byte), revoked. Every read by someone other than
/// the learner is recorded as a disclosure, in the same transaction.
struct TranscriptRoutes {
    let context: APIContext

    func register(on router: inout Router) {
        let context = self.context
        router.get("/v1/learners/{id}/transcript", APIContext.handler { request in
            let learnerID: PersonID = try request.identifier("id")
            return try await context.session(request) { session in
                try session.require(.readTranscript, learner: learnerID)
                let format = try TranscriptFormat(request)
                let occasion = try DisclosureOccasion(request, requester: session.requester)
                let asOf = try await ProgressRoutes.asOf(request, in: session)
                guard let learner = try await session.connection.run(TranscriptSourceStore.learners([learnerID])).first else {
                    throw APIError.notFound
                }
                let assembly = try await TranscriptAssembly.prepare(asOf: asOf, in: session)
                let transcript = try await assembly.transcripts(of: [learner], on: session.connection)[0]
                let rendered = try await TranscriptRendering(context: context).render(transcript, as: format, issuedAt: session.now, in: session)
                if Disclosure.isRequired(exportingRecordOf: learnerID, to: session.personID) {
                    session.enqueue(DisclosureStore.recording(
                        occasion.occasion(recipient: session.personID, record: .transcript, format: format.rawValue,
                                          asOf: assembly.instant, reference: nil), of: learnerID))
                }
                return HTTPResponse(status: .ok, headers: format.headers(fileName: "transcript-\(learnerID)"),
                                    body: .bytes(rendered.bytes))
            }
        })

        router.post("/v1/learners/{id}/transcript/certify", APIContext.handler { request in
            let learnerID: PersonID = try request.identifier("id")
            let body = try await request.jsonBody()
            let input = try RequestObject.parse(body.isEmpty ? Array("{}".utf8) : body)
            input.rejectUnknown(besides: ["asOf"])
            let asOfText = input.string("asOf", required: false, maximumLength: 40)
            try input.log.check()
            return try await context.creation(request, body: body) { session in
                try session.require(.certifyTranscript, learner: learnerID)
                var asOf: Date?
                if let asOfText {
                    guard let instant = try await ProgressRoutes.instant(asOfText, in: session) else {
                        throw APIError.invalid("/asOf", "Must be an RFC 3339 date-time or a YYYY-MM-DD date.")
                    }
                    asOf = instant
                }
                if let asOf, asOf > session.now {
                    throw APIError.unprocessable("A transcript can only be certified as of a past instant.",
                                                 errors: [.init(pointer: "/asOf", detail: "Is in the future.")])
                }
                guard let learner = try await session.connection.run(TranscriptSourceStore.learners([learnerID])).first,
                      let certifier = try await PersonStore(connection: session.connection).profile(of: session.personID)
                else { throw APIError.notFound }
                let assembly = try await TranscriptAssembly.prepare(asOf: asOf ?? session.now, in: session)
                let transcript = try await assembly.transcripts(of: [learner], on: session.connection)[0]
                let certification = TranscriptCertification(
                    id: UUID(), certifiedAt: session.transactionStartedAt,
                    certifiedBy: certifier.fullName)
                let rendering = TranscriptRendering(context: context)
                var documents: [CertifiedTranscriptStore.Format: [UInt8]] = [:]
                var credential: TranscriptRendering.Rendered?
                for format in TranscriptFormat.allCases {
                    let rendered = try await rendering.render(transcript, as: format, certification: certification,
                                                              issuedAt: certification.certifiedAt, in: session)
                    documents[format.stored] = rendered.bytes
                    if format == .clr { credential = rendered }
                }
                let frozen = CertifiedTranscriptStore.Frozen(
                    id: certification.id, learnerID: learnerID, asOf: assembly.instant, certifiedAt: certification.certifiedAt,
                    certifiedBy: session.personID, credentialID: credential!.credentialID!, signingKeyID: credential!.keyID!,
                    documents: documents, digests: documents.mapValues { SHA256.hash($0) })
                session.enqueue(CertifiedTranscriptStore.insertion(frozen))
                session.enqueue(AuditLogStore.entry(actor: session.personID, action: "transcript.certify",
                                                    targetType: "certified_transcript", targetID: certification.id))
                return .json(CertificateRepresentation(frozen.certificate), status: .created,
                             headers: ["Location": CertificateRepresentation.location(frozen.id)])
            }
        })

        router.get("/v1/transcripts/certified/{id}", APIContext.handler { request in
            let id = try TranscriptRoutes.certificateID(request)
            return try await context.session(request) { session in
                let format = try TranscriptFormat(request)
                guard let (certificate, bytes) = try await session.connection.run(
                    CertifiedTranscriptStore.document(id, format: format.stored)) else { throw APIError.notFound }
                try session.require(.readTranscript, learner: certificate.learnerID)
                let occasion = try DisclosureOccasion(request, requester: session.requester)
                let digest = certificate.digests[format.stored] ?? SHA256.hash(bytes)
                let etag = "\"" + SHA256.hex(digest.prefix(16)) + "\""
                var headers = format.headers(fileName: "transcript-\(certificate.learnerID)-certified-\(id.uuidString.lowercased())")
                headers["ETag"] = etag
                headers["Repr-Digest"] = "sha-256=:\(Data(digest).base64EncodedString()):"
                headers["Pathfolio-Certificate-Status"] = certificate.revokedAt == nil ? "valid" : "revoked"
                if request.headers["If-None-Match"]?.contains(etag) == true {
                    headers.remove("Content-Type")
                    return HTTPResponse(status: .notModified, headers: headers)
                }
                if Disclosure.isRequired(exportingRecordOf: certificate.learnerID, to: session.personID) {
                    session.enqueue(DisclosureStore.recording(
                        occasion.occasion(recipient: session.personID, record: .certifiedTranscript, format: format.rawValue,
                                          asOf: certificate.asOf, reference: id), of: certificate.learnerID))
                }
                return HTTPResponse(status: .ok, headers: headers, body: .bytes(bytes))
            }
        })

        router.post("/v1/transcripts/certified/{id}/revoke", APIContext.handler { request in
            let id = try TranscriptRoutes.certificateID(request)
            let input = try RequestObject.parse(try await request.jsonBody())
            input.rejectUnknown(besides: ["reason"])
            let reason = input.string("reason", maximumLength: 2000)
            try input.log.check()
            return try await context.session(request) { session in
                guard let certificate = try await session.connection.run(CertifiedTranscriptStore.certificate(id, forUpdate: true))
                else { throw APIError.notFound }
                try session.require(.certifyTranscript, learner: certificate.learnerID)
                guard certificate.revokedAt == nil else {
                    throw APIError.conflict("This certified transcript was already revoked.")
                }
                try await session.connection.run(CertifiedTranscriptStore.revocation(id, by: session.personID, reason: reason!))
                try await TranscriptRoutes.revokeCredential(certificate.credentialID, reason: reason!, in: session)
                try await session.audit("transcript.revoke", target: "certified_transcript", id: id)
                guard let revoked = try await session.connection.run(CertifiedTranscriptStore.certificate(id)) else {
                    throw APIError.notFound
                }
                return .json(CertificateRepresentation(revoked))
            }
        })

        router.get("/v1/learners/{id}/disclosures", APIContext.handler { request in
            let learnerID: PersonID = try request.identifier("id")
            let page = try PageRequest(request, keyCount: 1)
            let after: Int64? = try page.position { Int64($0[0]) }
            return try await context.session(request) { session in
                try session.require(.readDisclosures, learner: learnerID)
                let entries = try await session.connection.run(DisclosureStore.disclosures(of: learnerID, after: after,
                                                                                           limit: page.limit + 1))
                return .json(Page(fetched: entries.map(DisclosureRepresentation.init), request: request, page: page) {
                    [$0.sequence.description]
                })
            }
        })
    }

    /// The `{id}` of a certified transcript; not a UUID → 404, like an unknown one.
    static func certificateID(_ request: HTTPRequest) throws(APIError) -> UUID {
        guard let text = request.pathParameters["id"], let id = UUID(uuidString: text) else { throw .notFound }
        return id
    }

}

extension TranscriptRoutes {
    /// Puts a certified transcript's credential on the revocation list `POST /v1/credentials/verify` consults.
    static func revokeCredential(_ credentialID: String, reason: String, in session: Session) async throws {
        _ = try await CredentialRevocationStore(connection: session.connection)
            .revoke(credentialID: credentialID, reason: reason, by: session.personID)
    }
}
