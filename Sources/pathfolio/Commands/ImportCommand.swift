import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioPostgres

/// `pathfolio import case FILE --institution SLUG`: imports a CASE package into an
/// institution's frameworks (one transaction) and prints what it did, warnings included.
enum ImportCommand {
    static func run(_ options: CommandLineOptions, kind: String?, path: String?) async throws {
        if kind == "oneroster" {
            try await RosterImportCommand.run(options, path: path)
            return
        }
        guard kind == "case" else {
            throw CommandError.usage(kind.map { "cannot import \($0): say `pathfolio import case FILE …` or `pathfolio import oneroster DIR|ZIP …`" }
                ?? "say `pathfolio import case FILE …` or `pathfolio import oneroster DIR|ZIP …`")
        }
        try options.rejectUnknown(allowed: ["institution", "database-url"])
        guard let path else { throw CommandError.usage("the CASE package FILE is required") }
        guard let slug = options.value("institution") else { throw CommandError.usage("--institution SLUG is required") }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CommandError.failed("cannot read \(path): \(error.localizedDescription)")
        }

        let pool = try PostgresPool(configuration: .init(connectionString: try DatabaseURL.value(options), maximumConnections: 1))
        let outcome: Result<(FrameworkImportResult, Duration), any Error>
        do {
            outcome = .success(try await importPackage(bytes, from: path, slug: slug, pool: pool))
        } catch {
            outcome = .failure(error)
        }
        await pool.close()
        let (result, elapsed) = try outcome.get()
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        Console.say("\(result.title) (\(result.frameworkID)): document \(result.document.rawValue), in \(milliseconds) ms")
        Console.say("  items:        \(line(result.items))")
        Console.say("  associations: \(line(result.associations))")
        if !result.warnings.isEmpty {
            Console.say("  \(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s"):")
            for warning in result.warnings { Console.say("    \(warning.pointer): \(warning.message)") }
        }
    }

    /// Resolves the institution and imports in one transaction; returns the result and its duration.
    static func importPackage(_ bytes: [UInt8], from path: String, slug: String,
                              pool: PostgresPool) async throws -> (FrameworkImportResult, Duration) {
        let found = try await pool.query("SELECT pathfolio_institution_by_slug(\(slug))")[0].decode(UUID?.self, at: 0)
        guard let institution = found.map(InstitutionID.init) else {
            throw CommandError.failed("no institution has the slug \(slug)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let result: FrameworkImportResult
        do {
            result = try await pool.withTransaction(settings: [("pathfolio.institution_id", institution.description)]) { connection in
                try await FrameworkImport().importPackage(bytes, institution: institution, actor: nil, on: connection, now: Date())
            }
        } catch let refusal as FrameworkImportError {
            throw CommandError.failed("\(path) was not imported: \(refusal)")
        }
        return (result, clock.now - started)
    }

    static func line(_ counts: RecordCounts) -> String {
        "\(counts.created) created, \(counts.updated) updated, \(counts.unchanged) unchanged, \(counts.retired) retired"
    }
}
