import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioInterop
import PathfolioPostgres

/// The bulk transcript export, `GET /v1/transcripts?org=|class=|cohort=&format=csv|ndjson|clr&asOf=`
/// (SPEC §1.6): registrars only.
///
/// Two transactions. The first authorizes, resolves the audience and records one disclosure per
/// learner under a new export id, and commits: the record exists before any byte leaves. The
/// second streams: a server-side cursor over exactly the learners disclosed, fetched a batch at a
/// time and written as chunks that wait for the client (backpressure), so memory stays flat
/// whatever the size. A client that goes away fails the next write, which rolls the reading
/// transaction back and returns its connection.
struct TranscriptExportRoutes {
    let context: APIContext

    /// The export formats.
    enum Format: String, CaseIterable {
        case csv, ndjson, clr

        var mediaType: String {
            switch self {
            case .csv: TranscriptFormat.csv.mediaType
            case .ndjson, .clr: "application/x-ndjson"
            }
        }
    }

    /// Learners per batch of the per-learner path; pairs per fetch of the CSV path.
    static let learnersPerBatch = 200
    static let rowsPerFetch = 4000

    func register(on router: inout Router) {
        let context = self.context
        router.get("/v1/transcripts", APIContext.handler { request in
            let exportID = UUID()
            let (format, learners, asOf) = try await context.session(request) { session in
                try session.require(.exportTranscripts)
                let format = try TranscriptExportRoutes.format(request)
                let audience = try TranscriptExportRoutes.audience(request)
                let occasion = try DisclosureOccasion(request, requester: session.requester)
                let asOf = try await ProgressRoutes.asOf(request, in: session)
                guard try await session.connection.run(audience.existence()) else {
                    throw APIError.unprocessable("No such \(audience.parameter) in this institution.",
                                                 errors: [.init(parameter: audience.parameter, detail: "Not found.")])
                }
                let count = try await session.connection.run(DisclosureStore.recording(
                    occasion.occasion(recipient: session.personID, record: .bulkExport, format: format.rawValue,
                                      asOf: asOf ?? session.transactionStartedAt, reference: exportID), ofEvery: audience))
                session.enqueue(AuditLogStore.entry(actor: session.personID, action: "transcripts.export", targetType: "export",
                                                    targetID: exportID))
                return (format, count, asOf)
            }
            let headers: HTTPHeaders = [
                "Content-Type": format.mediaType, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
                "Content-Disposition": "attachment; filename=\"transcripts-\(exportID.uuidString.lowercased()).\(format == .csv ? "csv" : "ndjson")\"",
                "Pathfolio-Export-Id": exportID.uuidString.lowercased(), "Pathfolio-Export-Learners": String(learners),
            ]
            return HTTPResponse(status: .ok, headers: headers, body: .stream { writer in
                try await context.session(request) { session in
                    let export = TranscriptExportStore(connection: session.connection, exportID: exportID)
                    if format == .csv && asOf == nil {
                        try await TranscriptExportRoutes.streamPairs(export, to: writer)
                    } else {
                        try await TranscriptExportRoutes.streamLearners(export, format: format, asOf: asOf, to: writer,
                                                                        in: session, context: context)
                    }
                }
            })
        })
    }

    /// CSV from the projection: one cursor over the mastered pairs, whose cells PostgreSQL
    /// already formats; each fetched batch is written straight from libpq's buffers while the
    /// next one is fetched.
    static func streamPairs(_ export: TranscriptExportStore, to writer: HTTPBodyWriter) async throws {
        try await writer.write(TranscriptCSV.header)
        try await export.openCompetencyRows()
        var rows = try await export.nextCompetencyRows(rowsPerFetch)
        var chunk: [UInt8] = []
        while !rows.isEmpty {
            async let next = export.nextCompetencyRows(rowsPerFetch)
            chunk.removeAll(keepingCapacity: true)
            for row in rows {
                for column in 0..<TranscriptCSV.columns.count {
                    if column > 0 { chunk.append(0x2C) }
                    row.withText(at: column) { cell in
                        if let cell { TranscriptCSV.writer.append(field: cell, to: &chunk) }
                    }
                }
                chunk.append(0x0D)
                chunk.append(0x0A)
            }
            try await writer.write(chunk)
            rows = try await next
        }
    }

    /// Any format, learner by learner: each batch's transcripts assembled as the single
    /// transcript is (the ledger replayed when `asOf` is past).
    static func streamLearners(_ export: TranscriptExportStore, format: Format, asOf: Date?, to writer: HTTPBodyWriter,
                               in session: Session, context: APIContext) async throws {
        let assembly = try await TranscriptAssembly.prepare(asOf: asOf, in: session)
        let rendering = TranscriptRendering(context: context)
        if format == .csv { try await writer.write(TranscriptCSV.header) }
        try await export.openLearners()
        while true {
            let learners = try await export.nextLearners(learnersPerBatch)
            if learners.isEmpty { break }
            var chunk: [UInt8] = []
            for transcript in try await assembly.transcripts(of: learners, on: session.connection) {
                switch format {
                case .csv:
                    for record in TranscriptCSV.records(transcript) where record.record == "competency" {
                        chunk += Array(TranscriptCSV.line(record).utf8)
                    }
                case .ndjson:
                    chunk += TranscriptJSON.document(transcript).serializedBytes()
                    chunk.append(0x0A)
                case .clr:
                    let signed = try await rendering.render(transcript, as: .clr, issuedAt: session.now, in: session)
                    let line = JSONValue.object(JSONObject([
                        "learnerId": .string(transcript.learnerID.description),
                        "credential": .string(String(decoding: signed.bytes, as: UTF8.self)),
                    ]))
                    chunk += line.serializedBytes()
                    chunk.append(0x0A)
                }
            }
            try await writer.write(chunk)
        }
    }

    static func format(_ request: HTTPRequest) throws(APIError) -> Format {
        guard let text = request.query("format") else { return .csv }
        guard let format = Format(rawValue: text) else { throw .invalidParameter("format", "Must be one of csv, ndjson, clr.") }
        return format
    }

    /// Exactly one of `org`, `class`, `cohort`.
    static func audience(_ request: HTTPRequest) throws(APIError) -> TranscriptAudience {
        let given = ["org", "class", "cohort"].filter { request.query($0) != nil }
        guard given.count == 1, let name = given.first, let value = request.query(name) else {
            throw .badRequest("Say whose transcripts to export with exactly one of org, class or cohort.",
                              errors: ["org", "class", "cohort"].map { .init(parameter: $0, detail: "Exactly one of org, class, cohort.") })
        }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard (1...255).contains(trimmed.count), !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw .invalidParameter(name, "Must be 1 to 255 characters.")
        }
        switch name {
        case "class":
            guard let id = ClassID(trimmed) else { throw .invalidParameter("class", "Must be a class id (a UUID).") }
            return .schoolClass(id)
        case "org": return .org(trimmed)
        default: return .cohort(trimmed)
        }
    }
}

extension TranscriptAudience {
    /// The query parameter that named the audience.
    var parameter: String {
        switch self {
        case .org: "org"
        case .schoolClass: "class"
        case .cohort: "cohort"
        }
    }
}
