/// A failure the command line reports as one sentence on standard error, with an exit status.
enum CommandError: Error, CustomStringConvertible {
    /// The command line itself is wrong (exit 2).
    case usage(String)
    /// Something the user can fix went wrong (exit 1).
    case failed(String)

    var description: String {
        switch self {
        case .usage(let message): "\(message) (see `pathfolio --help`)"
        case .failed(let message): message
        }
    }

    var exitStatus: Int32 {
        switch self {
        case .usage: 2
        case .failed: 1
        }
    }
}
