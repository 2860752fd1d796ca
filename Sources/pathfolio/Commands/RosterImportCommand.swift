import Foundation
import Glibc
import PathfolioAPI
import PathfolioCore
import PathfolioInterop
import PathfolioPostgres

/// `pathfolio import oneroster DIR|ZIP --institution SLUG [--dry-run]`: reads a OneRoster
/// package, refuses it whole when it has errors (each printed as `file:line`), else writes it
/// in one transaction and prints what it did per table, with every warning. On a terminal,
/// each step is shown as it starts (on standard error).
enum RosterImportCommand {
    static func run(_ options: CommandLineOptions, path: String?) async throws {
        try options.rejectUnknown(allowed: ["institution", "database-url", "dry-run"])
        guard let path else { throw CommandError.usage("the OneRoster package DIR or ZIP is required") }
        guard let slug = options.value("institution") else { throw CommandError.usage("--institution SLUG is required") }
        let dryRun = options.flag("dry-run")
        let clock = ContinuousClock()
        let started = clock.now

        progress("reading \(path)")
        let package = try read(path)
        progress("read \(OneRosterTable.allCases.map { package.count(of: $0) }.reduce(0, +)) records")
        if !package.isAccepted {
            report(refused: package.errors, path: path)
        }

        let pool = try PostgresPool(configuration: .init(connectionString: try DatabaseURL.value(options), maximumConnections: 1))
        let outcome: Result<RosterImportSummary, any Error>
        do {
            let found = try await pool.withConnection { try await InstitutionStore(connection: $0).id(forSlug: slug) }
            guard let institution = found else { throw CommandError.failed("no institution has the slug \(slug)") }
            progress(dryRun ? "checking against the database (dry run)" : "writing")
            outcome = .success(try await pool.withTransaction(settings: [("pathfolio.institution_id", institution.description)]) { connection in
                try await RosterImport().importPackage(package, institution: institution, actor: nil, channel: .cli, dryRun: dryRun,
                                                       on: connection, now: Date())
            })
        } catch {
            outcome = .failure(error)
        }
        await pool.close()
        let summary: RosterImportSummary
        do {
            summary = try outcome.get()
        } catch RosterImportError.rejected(let problems) {
            report(refused: problems, path: path)
        }
        let elapsed = clock.now - started
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let files = summary.files.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        Console.say("OneRoster \(summary.version) package \(path): \(dryRun ? "checked (dry run, nothing written)" : "imported") in \(milliseconds) ms")
        Console.say("  files: \(files)")
        for table in RosterImportSummary.tableOrder {
            guard let counts = summary.counts[table] else { continue }
            Console.say("  \(table.padding(toLength: 17, withPad: " ", startingAt: 0))\(counts.created) created, \(counts.updated) updated, \(counts.unchanged) unchanged, \(counts.removed) removed")
        }
        if !summary.warnings.isEmpty {
            Console.say("  \(summary.warnings.count) warning\(summary.warnings.count == 1 ? "" : "s"):")
            for warning in summary.warnings { Console.say("    \(place(warning)): \(warning.message)") }
        }
    }

    /// The package in `path`: a folder of CSV files, or a ZIP archive of them.
    static func read(_ path: String) throws -> OneRosterPackage {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError.failed("no file or folder \(path)")
        }
        if isDirectory.boolValue {
            do {
                return try OneRosterPackageReader().read(directory: URL(fileURLWithPath: path))
            } catch {
                throw CommandError.failed("cannot read \(path): \(error)")
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandError.failed("cannot read \(path)") }
        do {
            return try OneRosterPackageReader().read(zip: [UInt8](data))
        } catch {
            throw CommandError.failed("\(path) is not a usable ZIP archive: \(error)")
        }
    }

    /// Prints every problem and exits 1.
    static func report(refused problems: [OneRosterProblem], path: String) -> Never {
        FileHandle.standardError.write(Data("pathfolio: \(path) was not imported: \(problems.count) error\(problems.count == 1 ? "" : "s"); nothing was written\n".utf8))
        for problem in problems {
            FileHandle.standardError.write(Data("  \(place(problem)): \(problem.message)\n".utf8))
        }
        exit(1)
    }

    static func place(_ problem: OneRosterProblem) -> String {
        var place = problem.file
        if let line = problem.line { place += ":\(line)" }
        if let column = problem.column { place += " [\(column)]" }
        return place
    }

    /// A step, shown on a terminal only (standard error), so piped output stays the summary.
    static func progress(_ step: String) {
        guard isatty(2) == 1 else { return }
        FileHandle.standardError.write(Data("… \(step)\n".utf8))
    }
}
