import CEpoll
import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets and epoll event loops.
///
/// ```swift
/// let router = Router()
/// router.get("/healthz") { _ in .text("ok") }
/// let server = HTTPServer(configuration: try .init(listen: "127.0.0.1:0"), responder: router)
/// try server.start()            // throws HTTPServerError.addressInUse(…) if the port is taken
/// print("listening on", server.localPort!)
/// // … on SIGTERM:
/// await server.shutdown(grace: .seconds(10))
/// ```
///
/// Wiring signals (the executable owns signal handling; see `bench/http/server/main.swift`):
/// ```swift
/// signal(SIGTERM, SIG_IGN)
/// let source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
/// source.setEventHandler { Task { await server.shutdown(grace: .seconds(10)) } }
/// source.resume()
/// await server.waitUntilStopped()
/// ```
///
/// Threads: `eventLoopCount` loop threads each own an epoll set and their connections, and all watch the
/// one listening socket (`EPOLLEXCLUSIVE`, so a new connection wakes one loop). Handlers run as tasks on
/// Swift's cooperative pool, never on a loop thread, and never block one.
public final class HTTPServer: Sendable {
    private enum State {
        case idle
        case starting
        case running(loops: [EventLoop], port: Int)
        case stopping(loops: [EventLoop], port: Int)
        case stopped
    }

    public let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let state = Mutex(State.idle)

    public init(configuration: HTTPServerConfiguration, responder: some HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
    }

    /// A server calling one closure for every request, with the configuration's default body limit of 1 MiB.
    public convenience init(
        configuration: HTTPServerConfiguration,
        handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) {
        self.init(configuration: configuration, responder: ClosureResponder(handler))
    }

    /// Binds, listens and starts the event loops. Returns once connections are being accepted.
    public func start() throws(HTTPServerError) {
        let claimed = state.withLock { s in
            guard case .idle = s else { return false }
            s = .starting
            return true
        }
        guard claimed else { throw .alreadyStarted }
        let fd: Int32, port: Int
        var loops: [EventLoop] = []
        do throws(HTTPServerError) {
            (fd, port) = try Self.listen(configuration.address, backlog: configuration.backlog)
            do throws(HTTPServerError) {
                for _ in 0..<max(1, configuration.eventLoopCount) { loops.append(try EventLoop()) }
            } catch {
                close(fd)
                for loop in loops { loop.markStopped() }
                throw error
            }
        } catch {
            state.withLock { $0 = .idle }
            throw error
        }
        let context = ServerContext(configuration: configuration, responder: responder, listenFD: fd, loops: loops.count)
        state.withLock { $0 = .running(loops: loops, port: port) }
        for loop in loops { loop.start(server: context) }
    }

    /// The bound port (useful with port 0), while the server runs.
    public var localPort: Int? {
        state.withLock { s in
            switch s {
            case .running(_, let port), .stopping(_, let port): port
            default: nil
            }
        }
    }

    /// Stops accepting at once, lets requests in flight finish for up to `grace`, then closes everything.
    /// Idle keep-alive connections are closed immediately; responses finished meanwhile say
    /// `Connection: close`. Returns when every loop thread has ended.
    public func shutdown(grace: Duration = .seconds(10)) async {
        let loops: [EventLoop] = state.withLock { s in
            switch s {
            case .running(let loops, let port):
                s = .stopping(loops: loops, port: port)
                return loops
            case .stopping(let loops, _):
                return loops
            case .idle, .starting:
                s = .stopped
                return []
            case .stopped:
                return []
            }
        }
        let graceNanoseconds = grace.nanoseconds
        for loop in loops { loop.execute { $0?.beginShutdown(forceAfter: graceNanoseconds) } }
        for loop in loops { await loop.waitUntilStopped() }
        state.withLock { $0 = .stopped }
    }

    /// Waits until ``shutdown(grace:)`` has completed (from elsewhere, e.g. a signal handler).
    public func waitUntilStopped() async {
        let loops: [EventLoop] = state.withLock { s in
            switch s {
            case .running(let loops, _), .stopping(let loops, _): loops
            default: []
            }
        }
        for loop in loops { await loop.waitUntilStopped() }
    }

    // MARK: - Listening socket

    private static func listen(_ address: ListenAddress, backlog: Int32) throws(HTTPServerError) -> (Int32, Int) {
        let resolved = try address.socketAddress()
        let family: Int32
        switch resolved {
        case .v4: family = AF_INET
        case .v6: family = AF_INET6
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        var one: Int32 = 1
        // SO_REUSEADDR lets a restarted server bind while old connections sit in TIME_WAIT; unlike
        // SO_REUSEPORT it does not let two live servers share the port, so "address in use" stays detectable.
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if family == AF_INET6 { setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size)) }
        let bound: Int32
        switch resolved {
        case .v4(var sa):
            bound = withUnsafePointer(to: &sa) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .v6(var sa):
            bound = withUnsafePointer(to: &sa) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        if bound != 0 {
            let code = errno
            close(fd)
            switch code {
            case EADDRINUSE: throw .addressInUse(address.description)
            case EADDRNOTAVAIL: throw .addressNotAvailable(address.description)
            case EACCES, EPERM: throw .permissionDenied(address.description)
            default: throw .system(call: "bind", errno: code)
            }
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            if code == EADDRINUSE { throw .addressInUse(address.description) }
            throw .system(call: "listen", errno: code)
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let family6 = storage.ss_family == sa_family_t(AF_INET6)
        let port: Int = withUnsafePointer(to: &storage) { p in
            if family6 {
                return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
        return (fd, port)
    }
}
