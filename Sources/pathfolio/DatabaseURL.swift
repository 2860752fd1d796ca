import PathfolioPostgres

/// The database the command works on: `--database-url`, else `DATABASE_URL`.
enum DatabaseURL {
    static func value(_ options: CommandLineOptions) throws(CommandError) -> String {
        guard let url = options.value("database-url", environment: "DATABASE_URL") else {
            throw .usage("no database given: set DATABASE_URL or pass --database-url (for a private one, run `pathfolio dev`)")
        }
        do { try PostgresConnectionString.validate(url) } catch { throw .failed("\(error)") }
        return url
    }

    static func connect(_ options: CommandLineOptions) async throws -> PostgresConnection {
        try await PostgresConnection.connect(to: try value(options))
    }
}
