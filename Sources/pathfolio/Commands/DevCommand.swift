import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioCrypto
import PathfolioPostgres

/// `pathfolio dev`: the embedded default. A private PostgreSQL under the data folder
/// (created on first run, reused after), migrated, with the demo institution loaded and a
/// fresh admin token; then serves like `serve` until Ctrl-C, and stops PostgreSQL cleanly.
enum DevCommand {
    static func run(_ options: CommandLineOptions) async throws {
        try options.rejectUnknown(allowed: ["data-dir", "listen", "schema", "pool-size", "key-encryption-key-file"])
        _ = try options.positiveInteger("pool-size", environment: "PATHFOLIO_POOL_SIZE", default: 16)  // fail before starting anything
        let explicit = options.value("data-dir", environment: "PATHFOLIO_DATA_DIR")
        let migrations = try MigrateCommand.loadMigrations(options)
        let cluster: LocalPostgresCluster
        do {
            cluster = try startCluster(at: absolute(explicit ?? ".pathfolio"))
        } catch let error as LocalClusterError where explicit == nil {
            // The default folder is unusable for PostgreSQL's own user (say, a clone under
            // /root, which that user cannot enter): fall back to a folder it can use.
            switch error {
            case .dataDirectoryNotReachable, .socketPathTooLong:
                // Named after the working folder, so the next run finds the same data.
                let fallback = "/var/tmp/pathfolio-dev/" + SHA256.hexDigest(Array(absolute(".").utf8)).prefix(16)
                Console.say("Note: \(error.description.prefix(while: { $0 != ";" })); using \(fallback) instead.")
                do { cluster = try startCluster(at: fallback) } catch { throw CommandError.failed("\(error)") }
            default:
                throw CommandError.failed("\(error)")
            }
        } catch {
            throw CommandError.failed("\(error)")
        }
        let root = cluster.root

        do {
            let appURL = cluster.connectionString(database: "pathfolio", user: ServiceRoles.app)
            let keyEncryptionKey = try KeyEncryptionKeySource.loadOrCreate(options, folder: root)
            let demo = try await prepareDatabase(cluster: cluster, migrations: migrations)
            let pool = try ServeCommand.makePool(url: appURL, options: options)
            try await DemoFramework.install(pool: pool, institution: demo.institution, admin: demo.admin)
            // A fresh token for each demo person, so every role can be tried at once.
            var lines: [String] = []
            var adminToken = ""
            for (source, role) in [("demo-admin", "admin"), ("demo-learner-1", "learner"), ("demo-assessor", "assessor"),
                                   ("demo-advisor", "advisor"), ("demo-registrar", "registrar")] {
                let token = try BearerToken.generate()
                try await ApiTokenStore(pool: pool).insert(
                    id: UUID(), hash: token.hash, institution: demo.institution, person: demo.people[source]!,
                    label: "pathfolio dev", expiresAt: nil)
                if role == "admin" { adminToken = token.secret }
                lines.append("  \(role) token:\(String(repeating: " ", count: 10 - role.count))\(token.secret)  (person \(demo.people[source]!))")
            }
            try await ServeCommand.serve(pool: pool, keyEncryptionKey: keyEncryptionKey, options: options) { port in
                Console.say("""

                    Pathfolio (dev) is serving on http://\(ServeCommand.listenHost(options)):\(port)/  (Demo School)
                    \(lines.joined(separator: "\n"))
                      try:   curl -H 'Authorization: Bearer \(adminToken)' http://\(ServeCommand.listenHost(options)):\(port)/v1/me
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

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
    }

    private static func startCluster(at root: String) throws -> LocalPostgresCluster {
        let cluster = try LocalPostgresCluster(root: root)
        let isNew = !cluster.isInitialized
        try cluster.initialize(settings: ["max_connections": "100"])
        if isNew { Console.say("Created a private PostgreSQL in \(root).") }
        try cluster.start()
        return cluster
    }

    /// Creates the service's role and database when missing, migrates, loads the demo.
    private static func prepareDatabase(
        cluster: LocalPostgresCluster, migrations: [Migration]
    ) async throws -> DemoInstitution.Loaded {
        let server = try await PostgresConnection.connect(to: cluster.connectionString(database: "postgres"))
        // As in production: the database belongs to a role that is not a superuser (so forced
        // row-level security holds for it too), and the service connects as pathfolio_app.
        try await ServiceRoles.ensure(on: server)
        try await ServiceRoles.ensureDatabase("pathfolio", on: server)
        await server.close()

        let owner = try await PostgresConnection.connect(to: cluster.connectionString(database: "pathfolio", user: ServiceRoles.owner))
        let applied = try await MigrationRunner(migrations: migrations).migrate(on: owner)
        if !applied.isEmpty { Console.say("Applied \(applied.joined(separator: ", ")).") }
        let demo = try await DemoInstitution.load(on: owner)
        await owner.close()
        return demo
    }
}
