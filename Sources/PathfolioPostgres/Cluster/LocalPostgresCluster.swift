import Foundation
import Glibc

/// A private PostgreSQL cluster in a folder of its own, reached only through a Unix socket in
/// that folder (no TCP port, so nothing can collide with another server): what
/// `pathfolio dev` runs and what the tests start.
///
/// PostgreSQL refuses to run as root; when this process is root, the server's programs run
/// as an unprivileged user (`postgres` when the package created it, else one created here).
public struct LocalPostgresCluster: Sendable {
    /// The folder holding everything: `pgdata/`, `socket/`, `postgres.log`.
    public let root: String
    /// The PostgreSQL superuser role inside the cluster.
    public let superuser = "postgres"
    /// The OS user the server runs as when this process is root; nil when not root.
    public let serverUser: String?
    /// PostgreSQL's program folder (`initdb`, `pg_ctl`, `postgres`, `pgbench`).
    public let binDirectory: String

    public var dataDirectory: String { root + "/pgdata" }
    public var socketDirectory: String { root + "/socket" }
    public var logFile: String { root + "/postgres.log" }

    /// Prepares to run a cluster under `root` (an absolute path), checking that the server
    /// programs exist and that the server user will be able to use the folder.
    public init(root: String) throws(LocalClusterError) {
        self.root = root
        guard let binDirectory = Self.findBinDirectory() else { throw .serverNotInstalled }
        self.binDirectory = binDirectory
        self.serverUser = getuid() == 0 ? try Self.unprivilegedUser() : nil
        let socket = root + "/socket/.s.PGSQL.5432"
        guard socket.utf8.count < 108 else { throw .socketPathTooLong(socket) }
    }

    /// Whether `initdb` has already run here.
    public var isInitialized: Bool {
        FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION")
    }

    /// Creates the folder and the cluster when they do not exist yet. `settings` go into
    /// `postgresql.conf` (e.g. `fsync = off` for tests).
    public func initialize(settings: [String: String] = [:], durable: Bool = true) throws(LocalClusterError) {
        try prepareRoot()
        if isInitialized { return }
        var arguments = ["-D", dataDirectory, "-U", superuser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]
        if !durable { arguments.append("--no-sync") }
        try run(binDirectory + "/initdb", arguments)
        var configuration = "\n# Written by Pathfolio\nlisten_addresses = ''\nunix_socket_directories = '\(socketDirectory.replacingOccurrences(of: "'", with: "''"))'\nport = 5432\nunix_socket_permissions = 0700\n"
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            configuration += "\(key) = \(value)\n"
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dataDirectory + "/postgresql.conf"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(configuration.utf8))
            try handle.close()
        } catch {
            throw .commandFailed(command: "writing postgresql.conf", status: 1, output: "\(error)")
        }
    }

    /// Whether the server is running (per `pg_ctl status`).
    public var isRunning: Bool {
        (try? run(binDirectory + "/pg_ctl", ["-D", dataDirectory, "status"])) != nil
    }

    /// Starts the server and waits until it accepts connections.
    public func start() throws(LocalClusterError) {
        if isRunning { return }
        // The port is given explicitly: a PGPORT in the environment must not move the socket.
        try run(binDirectory + "/pg_ctl", ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", "-p 5432", "start"])
    }

    /// Stops the server: `fast` rolls back open transactions and shuts down cleanly;
    /// `immediate` just ends the processes (for throwaway test clusters).
    public func stop(immediate: Bool = false) throws(LocalClusterError) {
        guard isRunning else { return }
        try run(binDirectory + "/pg_ctl", ["-D", dataDirectory, "-m", immediate ? "immediate" : "fast", "-w", "stop"])
    }

    /// A libpq connection string for `database` as `user` over the cluster's socket.
    public func connectionString(database: String, user: String? = nil) -> String {
        "host=\(Self.quoted(socketDirectory)) port=5432 dbname=\(Self.quoted(database)) user=\(Self.quoted(user ?? superuser))"
    }

    /// A libpq keyword value in single quotes, so paths with spaces or quotes stay one value.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    // MARK: - Processes

    /// Runs a server program, as the server user when this process is root; returns its output.
    @discardableResult
    func run(_ program: String, _ arguments: [String]) throws(LocalClusterError) -> String {
        let (executable, fullArguments) = serverUser.map {
            ("/usr/bin/setpriv", ["--reuid=\($0)", "--regid=\($0)", "--init-groups", "--", program] + arguments)
        } ?? (program, arguments)
        let (status, output) = ChildProcess.run(executable, fullArguments)
        guard status == 0 else {
            let lastLines = output.split(separator: "\n").suffix(3).joined(separator: " ")
            throw .commandFailed(command: (program as NSString).lastPathComponent, status: status, output: lastLines)
        }
        return output
    }

    private func prepareRoot() throws(LocalClusterError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        var createdHere = false
        if manager.fileExists(atPath: root, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADataDirectory(root) }
            var info = stat()
            guard stat(root, &info) == 0 else { throw .notADataDirectory(root) }
            let expected = try expectedOwner()
            if info.st_uid != expected.uid {
                throw .dataDirectoryOwnedByOtherUser(path: root, owner: Self.userName(info.st_uid))
            }
        } else {
            do {
                try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
            } catch {
                throw .commandFailed(command: "mkdir \(root)", status: 1, output: "\(error)")
            }
            createdHere = true
            let owner = try expectedOwner()
            chmod(root, 0o700)
            _ = chown(root, owner.uid, owner.gid)
        }
        if let serverUser {
            // The server user must be able to walk from / down to the folder.
            let probe = try? run("/usr/bin/test", ["-x", root, "-a", "-w", root])
            if probe == nil {
                // Leave nothing half-created behind.
                if createdHere { try? manager.removeItem(atPath: root) }
                throw .dataDirectoryNotReachable(path: root, user: serverUser)
            }
        }
        if !manager.fileExists(atPath: socketDirectory) {
            let owner = try expectedOwner()
            mkdir(socketDirectory, 0o700)
            _ = chown(socketDirectory, owner.uid, owner.gid)
        }
    }

    private func expectedOwner() throws(LocalClusterError) -> (uid: uid_t, gid: gid_t) {
        guard let serverUser else { return (getuid(), getgid()) }
        guard let entry = getpwnam(serverUser) else { throw .noUnprivilegedUser }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    private static func userName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid) else { return "uid \(uid)" }
        return String(cString: entry.pointee.pw_name)
    }

    /// `postgres` (created by Debian's package) or, failing that, `pathfolio-pg`, created here.
    private static func unprivilegedUser() throws(LocalClusterError) -> String {
        for name in ["postgres", "pathfolio-pg"] where getpwnam(name) != nil { return name }
        let (status, _) = ChildProcess.run(
            "/usr/sbin/useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "pathfolio-pg"])
        guard status == 0, getpwnam("pathfolio-pg") != nil else { throw .noUnprivilegedUser }
        return "pathfolio-pg"
    }

    /// `pg_config --bindir` when it names a folder with `initdb`, else the newest
    /// `/usr/lib/postgresql/N/bin`.
    static func findBinDirectory() -> String? {
        let manager = FileManager.default
        if let environment = ProcessInfo.processInfo.environment["PATHFOLIO_PG_BINDIR"],
           manager.isExecutableFile(atPath: environment + "/initdb") {
            return environment
        }
        let (status, output) = ChildProcess.run("/usr/bin/pg_config", ["--bindir"])
        let path = output.trimmingCharacters(in: .whitespacesAndNewlines)
        if status == 0, manager.isExecutableFile(atPath: path + "/initdb") { return path }
        let versions = (try? manager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.compactMap(Int.init).sorted(by: >) {
            let path = "/usr/lib/postgresql/\(version)/bin"
            if manager.isExecutableFile(atPath: path + "/initdb") { return path }
        }
        return nil
    }
}
