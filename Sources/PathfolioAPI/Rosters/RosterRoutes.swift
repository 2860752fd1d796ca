import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioInterop
import PathfolioPostgres

/// `POST /v1/rosters/import`: a OneRoster 1.1 or 1.2 CSV package, zipped (SPEC §1.1). Admins
/// only. A package with any error answers 422 listing every problem by file and line, and
/// writes nothing; an accepted one is written whole in the request's transaction (201 with
/// the summary; 200 for `?dryRun=true`, which writes nothing).
struct RosterRoutes {
    let context: APIContext
    /// The largest upload taken (413 beyond).
    let importLimit: Int

    /// The media types taken: a ZIP archive's, and plain bytes (what generic HTTP tools send).
    static let mediaTypes = ["application/zip", "application/x-zip-compressed", "application/octet-stream"]

    func register(on router: inout Router) {
        let context = self.context
        let limit = importLimit
        router.post("/v1/rosters/import", bodyLimit: limit, APIContext.handler { request in
            let dryRun: Bool
            switch request.query("dryRun") {
            case nil, "false": dryRun = false
            case "true": dryRun = true
            default: throw APIError.invalidParameter("dryRun", "Must be true or false.")
            }
            let body: [UInt8]
            do {
                body = try await request.body.collect(upTo: limit)
            } catch HTTPBodyError.tooLarge(let limit) {
                throw APIError.contentTooLarge(limit: limit)
            }
            return try await context.creation(request, body: body) { session in
                try session.require(.managePeople)
                let mediaType = request.headers["Content-Type"]?.split(separator: ";").first?
                    .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                guard Self.mediaTypes.contains(mediaType) else {
                    throw APIError.unsupportedMediaType("Send the package as a ZIP archive (Content-Type: application/zip).")
                }
                do {
                    let package: OneRosterPackage
                    do {
                        package = try OneRosterPackageReader().read(zip: body)
                    } catch let error as ZipError {
                        throw RosterImportError.archive(error)
                    }
                    let summary = try await RosterImport().importPackage(
                        package, institution: session.institutionID, actor: session.personID, channel: .api, dryRun: dryRun,
                        on: session.connection, now: session.now)
                    return .json(summary, status: dryRun ? .ok : .created)
                } catch let error as RosterImportError {
                    throw APIError.problem(error.problem)
                }
            }
        })
    }
}
