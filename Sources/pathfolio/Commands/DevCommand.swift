import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioPostgres

/// `pathfolio dev`: the embedded default. A private PostgreSQL under the data folder
/// (created on first run, reused after), migrated, with the demo institution loaded and a
/// fresh admin token; then serves like `serve` until Ctrl-C, and stops PostgreSQL cleanly.
enum DevCommand {
    static func run(_ options: CommandLineOptions) async throws {
        try options.rejectUnknown(allowed: ["data-dir", "listen", "schema", "pool-size"])
        let folder = options.value("data-dir", environment: "PATHFOLIO_DATA_DIR") ?? ".pathfolio"
        let root = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
        let migrations = try MigrateCommand.loadMigrations(options)

        let cluster: LocalPostgresCluster
        do {
            cluster = try LocalPostgresCluster(root: root)
            let firstRun = !cluster.isInitialized
            if firstRun { Console.say("Creating a private PostgreSQL in \(root) …") }
            try cluster.initialize(settings: ["max_connections": "100"])
            try cluster.start()
        } catch {
            throw CommandError.failed("\(error)")
        }

        do {
            let appURL = cluster.connectionString(database: "pathfolio", user: "pathfolio_app")
            let admin = try await prepareDatabase(cluster: cluster, migrations: migrations)
            let pool = try ServeCommand.makePool(url: appURL, options: options)
            let token = try BearerToken.generate()
            try await ApiTokenStore(pool: pool).insert(
                id: UUID(), hash: token.hash, institution: admin.institution, person: admin.admin,
                label: "pathfolio dev", expiresAt: nil)
            try await ServeCommand.serve(pool: pool, options: options) { port in
                Console.say("""

                    Pathfolio (dev) is serving on http://\(ServeCommand.listenHost(options)):\(port)/
                      admin token (Demo School): \(token.secret)
                      try:      curl -H 'Authorization: Bearer \(token.secret)' http://\(ServeCommand.listenHost(options)):\(port)/healthz
                      database: \(appURL)
                    Ctrl-C stops the service and PostgreSQL; the data stays in \(root).

                    """)
            }
        } catch {
            try? cluster.stop()
            throw error
        }
        do { try cluster.stop() } catch { throw CommandError.failed("\(error)") }
        Console.say("PostgreSQL stopped; the data is kept in \(root).")
    }

    /// Creates the service's role and database when missing, migrates, loads the demo.
    private static func prepareDatabase(
        cluster: LocalPostgresCluster, migrations: [Migration]
    ) async throws -> (institution: InstitutionID, admin: PersonID) {
        let server = try await PostgresConnection.connect(to: cluster.connectionString(database: "postgres"))
        let hasRole = try await server.query("SELECT count(*)::int8 FROM pg_roles WHERE rolname = 'pathfolio_app'")[0].decode(Int.self, at: 0)
        if hasRole == 0 { try await server.execute(script: "CREATE ROLE pathfolio_app LOGIN") }
        try await server.execute(script: "ALTER ROLE pathfolio_app LOGIN")
        let hasDatabase = try await server.query("SELECT count(*)::int8 FROM pg_database WHERE datname = 'pathfolio'")[0].decode(Int.self, at: 0)
        if hasDatabase == 0 { try await server.execute(script: "CREATE DATABASE pathfolio") }
        await server.close()

        let owner = try await PostgresConnection.connect(to: cluster.connectionString(database: "pathfolio"))
        let applied = try await MigrationRunner(migrations: migrations).migrate(on: owner)
        if !applied.isEmpty { Console.say("Applied \(applied.joined(separator: ", ")).") }
        let demo = try await DemoInstitution.load(on: owner)
        await owner.close()
        return demo
    }
}
