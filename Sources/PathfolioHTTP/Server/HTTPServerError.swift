/// Why a server could not start. `addressInUse` is its own case so a command line can say one clear sentence.
public enum HTTPServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another process is listening on this address and port.
    case addressInUse(String)
    /// The address does not belong to this machine.
    case addressNotAvailable(String)
    /// Binding needs privileges (e.g. a port below 1024).
    case permissionDenied(String)
    /// The listen address could not be parsed (expected `127.0.0.1:8080`, `[::1]:8080`, `:8080`).
    case invalidAddress(String)
    /// `start()` was called twice, or after `shutdown`.
    case alreadyStarted
    /// Another system call failed, with its errno.
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .addressInUse(let a): "The address \(a) is already in use by another program."
        case .addressNotAvailable(let a): "The address \(a) is not available on this machine."
        case .permissionDenied(let a): "Permission denied to listen on \(a)."
        case .invalidAddress(let a): "Cannot read the listen address \"\(a)\" (expected host:port, e.g. 127.0.0.1:8080)."
        case .alreadyStarted: "The server was already started."
        case .system(let call, let errno): "\(call) failed (errno \(errno))."
        }
    }
}
