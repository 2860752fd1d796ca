import Foundation
import Glibc
public import PathfolioPostgres
import Synchronization

/// A real PostgreSQL for the tests: one private cluster per test process, started on first
/// use in a temporary folder (Unix socket only), with a migrated template database that each
/// test clones into a database of its own.
///
/// The cluster is stopped and its folder removed when the test process exits, and also by a
/// watchdog process if the test process dies without exiting normally.
public actor TestPostgres {
    public static let shared = TestPostgres()

    private var boot: Task<LocalPostgresCluster, any Error>?
    private var admin: PostgresConnection?
    private var databaseCount = 0

    /// The repository's `schema/` folder.
    public static let schemaDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("schema").path
    }()

    /// A fresh, migrated database for one test.
    public func makeDatabase() async throws -> TestDatabase {
        let cluster = try await bootIfNeeded()
        databaseCount += 1
        let name = "test_\(databaseCount)"
        try await admin!.execute(script: "CREATE DATABASE \(name) TEMPLATE pathfolio_template OWNER \(ServiceRoles.owner)")
        return TestDatabase(name: name, cluster: cluster)
    }

    /// Boots once: concurrent first callers all wait for the same boot.
    private func bootIfNeeded() async throws -> LocalPostgresCluster {
        if let boot { return try await boot.value }
        let task = Task { try await self.bootCluster() }
        boot = task
        return try await task.value
    }

    private func bootCluster() async throws -> LocalPostgresCluster {
        let root = NSTemporaryDirectory().appending("pathfolio-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let cluster = try LocalPostgresCluster(root: root)
        try cluster.initialize(settings: [
            "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
            "max_connections": "300", "shared_buffers": "'128MB'", "log_min_messages": "warning",
            "max_locks_per_transaction": "128",
        ], durable: false)
        try cluster.start()
        Self.arrangeCleanup(of: cluster)

        let admin = try await PostgresConnection.connect(to: cluster.connectionString(database: "postgres"))
        // As in production: an owner that is not a superuser (so forced row-level security
        // applies to it too), and the service's own role.
        try await ServiceRoles.ensure(on: admin, ownerMayCreateDatabases: true)
        try await ServiceRoles.ensureDatabase("pathfolio_template", on: admin)
        let template = try await PostgresConnection.connect(
            to: cluster.connectionString(database: "pathfolio_template", user: ServiceRoles.owner))
        try await MigrationRunner(migrations: Migration.load(from: Self.schemaDirectory)).migrate(on: template)
        await template.close()
        self.admin = admin
        return cluster
    }

    /// The shell command that stops the cluster and removes its folder.
    private static let cleanupCommand = Mutex<String?>(nil)

    private static func arrangeCleanup(of cluster: LocalPostgresCluster) {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let stop = (cluster.serverUser.map { "/usr/bin/setpriv --reuid=\($0) --regid=\($0) --init-groups -- " } ?? "")
            + "\(quoted(cluster.binDirectory + "/pg_ctl")) -D \(quoted(cluster.dataDirectory)) -m immediate -w stop >/dev/null 2>&1"
        let command = "\(stop); rm -rf \(quoted(cluster.root))"
        cleanupCommand.withLock { $0 = command }
        atexit {
            if let command = TestPostgres.cleanupCommand.withLock({ $0 }) { _ = system(command) }
        }
        // If this process dies without running atexit handlers (a crash, SIGKILL), the
        // watchdog notices within half a second and does the same.
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        watchdog.arguments = ["/bin/sh", "-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done; \(command)"]
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try? watchdog.run()
    }
}

/// One test's database in the shared test cluster.
public struct TestDatabase: Sendable {
    public let name: String
    public let cluster: LocalPostgresCluster

    /// Connects as `pathfolio_owner`, the database's owner that migrates (not a superuser).
    public var ownerConnectionString: String { cluster.connectionString(database: name, user: ServiceRoles.owner) }
    /// Connects as the cluster's superuser.
    public var superuserConnectionString: String { cluster.connectionString(database: name) }
    /// Connects as `pathfolio_app`, the non-owner role the service uses.
    public var appConnectionString: String { cluster.connectionString(database: name, user: ServiceRoles.app) }

    /// A pool for this database, as the service would use it.
    public func makePool(maximumConnections: Int = 4, checkoutTimeout: Duration = .seconds(10), asOwner: Bool = false) throws -> PostgresPool {
        try PostgresPool(configuration: .init(
            connectionString: asOwner ? ownerConnectionString : appConnectionString,
            maximumConnections: maximumConnections, checkoutTimeout: checkoutTimeout))
    }
}
