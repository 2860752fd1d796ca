import PathfolioPostgres

/// `pathfolio migrate [--status]`: applies pending migrations, or lists where each stands.
enum MigrateCommand {
    static func run(_ options: CommandLineOptions) async throws {
        try options.rejectUnknown(allowed: ["status", "database-url", "schema"])
        let runner = MigrationRunner(migrations: try loadMigrations(options))
        let connection = try await DatabaseURL.connect(options)
        if options.flag("status") {
            for status in try await runner.status(on: connection) {
                let state = switch status.state {
                case .applied(let date): "applied \(date.formatted(.iso8601))"
                case .pending: "pending"
                case .changed: "CHANGED after it was applied"
                case .missingFile: "applied, but its file is MISSING"
                }
                Console.say("\(status.fileName)  \(state)")
            }
            return
        }
        let applied = try await runner.migrate(on: connection)
        Console.say(applied.isEmpty ? "The database is up to date." : "Applied \(applied.joined(separator: ", ")).")
    }

    static func loadMigrations(_ options: CommandLineOptions) throws -> [Migration] {
        try Migration.load(from: try SchemaDirectory.locate(options))
    }
}
