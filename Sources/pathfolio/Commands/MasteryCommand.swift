import PathfolioAPI
import PathfolioPostgres

/// `pathfolio mastery rebuild [--check] [--institution SLUG]`: recomputes every mastery
/// projection from the ledger; `--check` changes nothing, lists the differences and fails if
/// there are any.
enum MasteryCommand {
    static func run(_ options: CommandLineOptions, subcommand: String?) async throws {
        guard subcommand == "rebuild" else { throw CommandError.usage("say `pathfolio mastery rebuild [--check]`") }
        try options.rejectUnknown(allowed: ["check", "institution", "database-url"])
        let check = options.flag("check")
        let pool = try PostgresPool(configuration: .init(connectionString: try DatabaseURL.value(options), maximumConnections: 1))
        let report: MasteryRebuild.Report
        do {
            report = try await MasteryRebuild(pool: pool).run(check: check, institution: options.value("institution"))
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
        for difference in report.differences { Console.say(difference.description) }
        let verb = check ? "differ from" : "were rewritten from"
        Console.say("\(report.learners) learner(s), \(report.statesComputed) state(s) computed; "
                    + "\(report.differences.count) \(verb) the ledger.")
        if check, !report.differences.isEmpty { throw CommandError.failed("the projection differs from the ledger") }
    }
}
