/// Why a private PostgreSQL cluster (for `pathfolio dev` and the tests) could not be set up.
/// Each description is one sentence saying what happened and what to do.
public enum LocalClusterError: Error, Sendable, CustomStringConvertible {
    case serverNotInstalled
    case noUnprivilegedUser
    case dataDirectoryOwnedByOtherUser(path: String, owner: String)
    case dataDirectoryNotReachable(path: String, user: String)
    case notADataDirectory(String)
    case socketPathTooLong(String)
    case commandFailed(command: String, status: Int32, output: String)

    public var description: String {
        switch self {
        case .serverNotInstalled:
            "PostgreSQL's server programs (initdb, pg_ctl) were not found; install them with `apt-get install -y postgresql` (as root) and try again"
        case .noUnprivilegedUser:
            "PostgreSQL refuses to run as root and no unprivileged user could be found or created; create one (e.g. `useradd --system postgres`) and try again"
        case .dataDirectoryOwnedByOtherUser(let path, let owner):
            "the data folder \(path) belongs to \(owner); choose another with --data-dir or remove it"
        case .dataDirectoryNotReachable(let path, let user):
            "the PostgreSQL server user \(user) cannot reach \(path) (a parent folder is closed to it); choose a data folder elsewhere with --data-dir, e.g. under /var/tmp"
        case .notADataDirectory(let path):
            "\(path) exists but is not a Pathfolio data folder; choose another with --data-dir"
        case .socketPathTooLong(let path):
            "the socket path \(path) is too long for a Unix socket (107 bytes at most); choose a shorter data folder with --data-dir"
        case .commandFailed(let command, let status, let output):
            "\(command) failed (exit \(status)): \(output)"
        }
    }
}
