import CEpoll
import Glibc

/// The state one event-loop thread owns: its epoll set, its connections, its timers. Never shared: it is
/// created on the loop thread and only reached from there (jobs receive it as an argument), so it needs
/// no locks and is deliberately not `Sendable`.
///
/// Trigger mode: **level-triggered**. Backpressure is then a matter of changing the interest set (drop
/// `EPOLLIN` while a handler is slow to consume a body or a response is pending; add `EPOLLOUT` only while
/// output is queued), and one read per readiness event keeps the loop fair between connections without the
/// edge-triggered obligation to drain every socket until `EAGAIN`, which is where starvation and lost
/// wake-ups hide.
final class EventLoopContext {
    static let listenToken: UInt64 = 0
    static let wakeToken: UInt64 = 1

    let loop: EventLoop
    let server: ServerContext
    let configuration: HTTPServerConfiguration
    private(set) var connections: [UInt64: Connection] = [:]
    private var nextID: UInt64 = 2
    /// One read buffer per loop, not per connection: idle connections then cost only their small state.
    let readBuffer: UnsafeMutableRawBufferPointer
    private var date = HTTPDate()
    private var nextScan: UInt64 = 0
    private let scanInterval: UInt64
    private var listening = true
    private var acceptResumesAt: UInt64?
    private(set) var draining = false
    private var forceCloseAt: UInt64 = .max

    init(loop: EventLoop, server: ServerContext) {
        self.loop = loop
        self.server = server
        self.configuration = server.configuration
        readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        let c = server.configuration
        let shortest = min(c.headerTimeout.nanoseconds, c.idleTimeout.nanoseconds, c.handlerTimeout.nanoseconds,
                           c.lingerTimeout.nanoseconds)
        // Timers are checked by a scan; its period is a quarter of the shortest timeout, within 5…250 ms.
        scanInterval = min(max(shortest / 4, 5_000_000), 250_000_000)
    }

    deinit { readBuffer.deallocate() }

    var now: UInt64 { MonotonicClock.now() }

    func dateBytes() -> [UInt8] { date.bytes() }

    func connection(_ id: UInt64) -> Connection? { connections[id] }

    // MARK: - Run loop

    func run() {
        var event = epoll_event(events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, data: epoll_data_t(u64: Self.listenToken))
        if epoll_ctl(loop.epollFD, EPOLL_CTL_ADD, server.listenFD, &event) != 0 {
            listening = false
            server.releaseListener()
        }
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        while true {
            let current = now
            let wait = nextScan > current ? Int32(min((nextScan - current) / 1_000_000 + 1, 1000)) : 0
            let n = epoll_wait(loop.epollFD, events, Int32(capacity), wait)
            if n < 0, errno != EINTR { break }
            for i in 0..<max(0, Int(n)) {
                let e = events[i]
                switch e.data.u64 {
                case Self.listenToken: acceptConnections()
                case Self.wakeToken: runJobs()
                case let id:
                    guard let connection = connections[id] else { continue }
                    connection.handle(events: e.events)
                }
            }
            let t = now
            if t >= nextScan { scanTimers(t) }
            if draining {
                if t >= forceCloseAt { for c in Array(connections.values) { c.abort() } }
                if connections.isEmpty { break }
            }
        }
        for c in Array(connections.values) { c.abort() }
        if listening { stopListening() }
    }

    private func runJobs() {
        for job in loop.takeJobs() { job(self) }
    }

    // MARK: - Accepting

    private func acceptConnections() {
        // A few per wake-up: with EPOLLEXCLUSIVE the other loops get their share of a burst.
        for _ in 0..<16 {
            let fd = accept4(server.listenFD, nil, nil, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
            if fd < 0 {
                switch errno {
                case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED: return
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors: a level-triggered listener would spin. Step back for 100 ms.
                    pauseAccepting()
                    return
                default:
                    return
                }
            }
            if server.openConnections.add(1, ordering: .relaxed).newValue > configuration.maxConnections {
                server.openConnections.subtract(1, ordering: .relaxed)
                // Over the limit: a short, polite answer instead of a silent reset; never more state.
                ResponseEncoder.overloaded.withUnsafeBytes { _ = send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(fd)
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let id = nextID
            nextID += 1
            let connection = Connection(id: id, fd: fd, context: self)
            var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: id))
            guard epoll_ctl(loop.epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else {
                close(fd)
                server.openConnections.subtract(1, ordering: .relaxed)
                continue
            }
            connections[id] = connection
            if draining { connection.drain() } else { connection.refreshDeadline() }
        }
    }

    private func pauseAccepting() {
        guard listening else { return }
        epoll_ctl(loop.epollFD, EPOLL_CTL_DEL, server.listenFD, nil)
        acceptResumesAt = now + 100_000_000
        schedule(acceptResumesAt!)
    }

    private func stopListening() {
        listening = false
        if acceptResumesAt == nil { epoll_ctl(loop.epollFD, EPOLL_CTL_DEL, server.listenFD, nil) }
        acceptResumesAt = nil
        server.releaseListener()
    }

    // MARK: - Connections

    func remove(_ connection: Connection) {
        connections[connection.id] = nil
        server.openConnections.subtract(1, ordering: .relaxed)
    }

    func setInterest(_ fd: Int32, id: UInt64, events: UInt32) {
        var event = epoll_event(events: events, data: epoll_data_t(u64: id))
        epoll_ctl(loop.epollFD, EPOLL_CTL_MOD, fd, &event)
    }

    // MARK: - Timers

    /// Makes sure a scan happens by `deadline`.
    func schedule(_ deadline: UInt64) {
        if deadline < nextScan { nextScan = deadline }
    }

    private func scanTimers(_ t: UInt64) {
        if let resume = acceptResumesAt, t >= resume, listening {
            acceptResumesAt = nil
            var event = epoll_event(events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, data: epoll_data_t(u64: Self.listenToken))
            epoll_ctl(loop.epollFD, EPOLL_CTL_ADD, server.listenFD, &event)
        }
        var earliest = t + 1_000_000_000
        for connection in Array(connections.values) {
            if connection.deadline <= t {
                connection.deadlinePassed()
            }
            if connections[connection.id] != nil { earliest = min(earliest, connection.deadline) }
        }
        if let resume = acceptResumesAt { earliest = min(earliest, resume) }
        // Quantize: a deadline is honoured within one scan interval, and 10,000 idle connections do not
        // turn into 10,000 wake-ups.
        nextScan = max(earliest, t + scanInterval)
    }

    // MARK: - Shutdown

    func beginShutdown(forceAfter grace: UInt64) {
        guard !draining else { return }
        draining = true
        forceCloseAt = now + grace
        schedule(forceCloseAt)
        if listening { stopListening() }
        for connection in Array(connections.values) { connection.drain() }
    }
}
