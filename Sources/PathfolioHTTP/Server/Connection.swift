import CEpoll
import Glibc

/// One client connection, owned by its event loop thread: the parser, the output queue, the request in
/// flight and the connection's single deadline.
///
/// Requests are served one at a time, in order: while a handler runs, bytes of pipelined requests stay in
/// the parser's buffer (or the kernel's) until the response is complete, so responses can never overtake
/// each other and a pipelining client cannot make the server buffer without bound.
final class Connection {
    /// The request being served.
    struct Exchange {
        let serial: UInt64
        let task: Task<Void, Never>
        let channel: RequestBodyChannel?
        let bodyLimit: Int
        let isHead: Bool
        let version: HTTPVersion
        let requestKeepAlive: Bool
        var bodyReceived = 0
        var bodyComplete: Bool
        var bodyCompletedAt: UInt64
        var responseStarted = false
        var chunked = false
        var keepAliveAfter = true
        var writers: [CheckedContinuation<Void, any Error>] = []
    }

    enum Phase {
        case open
        /// The last response is queued; once it is flushed the connection lingers and closes.
        case closingAfterFlush
        /// Write side shut down; reading and discarding until the client closes or the linger time ends.
        case lingering(since: UInt64)
    }

    enum DeadlineAction {
        case none, close, requestTimeout, handlerTimeout
    }

    let id: UInt64
    let fd: Int32
    unowned let context: EventLoopContext
    private var parser: HTTPRequestParser
    private var output: [UInt8] = []
    private var outputStart = 0
    private var interest: UInt32 = EPOLLIN.rawValue
    private var phase = Phase.open
    private var exchange: Exchange?
    private var serial: UInt64 = 0
    private var servedAny = false
    private var headStartedAt: UInt64
    private var lastProgress: UInt64
    private var readPausedForBody = false
    private var closeWhenDone = false
    private var peerClosedInput = false
    private var lingerDiscarded = 0
    private(set) var deadline: UInt64 = .max
    private var deadlineAction = DeadlineAction.none

    init(id: UInt64, fd: Int32, context: EventLoopContext) {
        self.id = id
        self.fd = fd
        self.context = context
        parser = HTTPRequestParser(limits: context.configuration.limits)
        let now = context.now
        headStartedAt = now
        lastProgress = now
    }

    private var configuration: HTTPServerConfiguration { context.configuration }
    private var outputPending: Int { output.count - outputStart }

    // MARK: - Readiness

    func handle(events: UInt32) {
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0, events & EPOLLIN.rawValue == 0 {
            abort()
            return
        }
        if events & EPOLLOUT.rawValue != 0 {
            if outputPending > 0 { writable() } else { updateInterest(exact: true) }
            if isClosed { return }
        }
        if events & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
            // Interest is dropped lazily (see updateInterest), so input may be reported that is not wanted now.
            if wantedInterest & EPOLLIN.rawValue != 0 { readable() } else { updateInterest(exact: true) }
        }
    }

    private var isClosed: Bool { context.connection(id) !== self }

    private func readable() {
        let buffer = context.readBuffer
        let n = recv(fd, buffer.baseAddress, buffer.count, 0)
        if n < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
            abort()
            return
        }
        if n == 0 {
            peerClosed()
            return
        }
        lastProgress = context.now
        if case .lingering = phase {
            lingerDiscarded += n
            if lingerDiscarded > 1 << 20 { abort() }
            return
        }
        if exchange == nil, parser.isBetweenMessages { headStartedAt = lastProgress }
        parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        processInput()
    }

    private func peerClosed() {
        peerClosedInput = true
        switch phase {
        case .lingering:
            abort()
        case .closingAfterFlush:
            break
        case .open:
            if let ex = exchange, !ex.bodyComplete {
                // The client left in the middle of its body: nobody will read the answer.
                ex.channel?.fail(.connectionClosed)
                abort()
            } else if exchange == nil {
                abort()
            } else {
                // Half-close after a complete request is legal (RFC 9112 §9.6): answer, then close.
                closeWhenDone = true
                updateInterest()
            }
        }
    }

    // MARK: - Requests

    private func processInput() {
        while case .open = phase {
            if let ex = exchange, ex.bodyComplete || readPausedForBody { break }
            let event: HTTPRequestParser.Event?
            do {
                event = try parser.next()
            } catch {
                protocolError(error)
                return
            }
            guard let event else { break }
            switch event {
            case .head(let head):
                startExchange(head)
            case .body(let bytes):
                receiveBody(bytes)
            case .end:
                guard var ex = exchange else { break }
                ex.bodyComplete = true
                ex.bodyCompletedAt = context.now
                ex.channel?.finish()
                exchange = ex
            }
        }
        if exchange == nil, parser.isBetweenMessages { parser.shrinkIfIdle() }
        updateInterest()
        refreshDeadline()
    }

    private func startExchange(_ head: HTTPRequestHead) {
        let limit = context.server.responder.bodyLimit(for: head)
        if case .length(let n) = head.framing, n > limit {
            // 413 from the head alone, before a byte of the body is read (and without 100 Continue).
            respondWithError(.contentTooLarge, detail: "The body may not exceed \(limit) bytes.")
            return
        }
        serial += 1
        servedAny = true
        let serial = self.serial
        let hasBody = head.framing != .none && head.framing != .length(0)
        var channel: RequestBodyChannel?
        if hasBody {
            let loop = context.loop
            let id = self.id
            channel = RequestBodyChannel(highWater: configuration.inputHighWater) {
                loop.execute { $0?.connection(id)?.resumeReading(serial: serial) }
            }
        }
        if head.expectsContinue { enqueue(ResponseEncoder.continueResponse) }
        let request = HTTPRequest(head: head, body: HTTPRequestBody(channel: channel))
        let task = Task { [loop = context.loop, responder = context.server.responder, renderer = configuration.errorRenderer, id] in
            await RequestTask(loop: loop, connectionID: id, serial: serial, renderer: renderer)
                .run(request, responder: responder)
        }
        exchange = Exchange(
            serial: serial, task: task, channel: channel, bodyLimit: limit, isHead: head.method == .head,
            version: head.version, requestKeepAlive: head.keepAlive, bodyComplete: !hasBody,
            bodyCompletedAt: context.now
        )
    }

    private func receiveBody(_ bytes: [UInt8]) {
        guard var ex = exchange else { return }
        ex.bodyReceived += bytes.count
        if ex.bodyReceived > ex.bodyLimit {
            // Only a chunked body can get here: its size is learnt while reading.
            ex.channel?.fail(.tooLarge(limit: ex.bodyLimit))
            ex.task.cancel()
            exchange = ex
            if ex.responseStarted {
                abort()
            } else {
                endExchange()
                respondWithError(.contentTooLarge, detail: "The body may not exceed \(ex.bodyLimit) bytes.")
            }
            return
        }
        exchange = ex
        if let channel = ex.channel, !channel.push(bytes) { readPausedForBody = true }
    }

    func resumeReading(serial: UInt64) {
        guard let ex = exchange, ex.serial == serial, readPausedForBody else { return }
        readPausedForBody = false
        processInput()
    }

    /// Malformed bytes: answer with the rule's status and close, because nothing after them can be framed.
    private func protocolError(_ error: HTTPParseError) {
        if let ex = exchange {
            ex.channel?.fail(.malformed(error))
            ex.task.cancel()
            if ex.responseStarted {
                abort()
                return
            }
            endExchange()
        }
        respondWithError(error.status, detail: error.reason)
    }

    /// Sends a response the server makes itself and closes the connection.
    private func respondWithError(_ status: HTTPStatus, detail: String) {
        guard case .open = phase, !isClosed else { return }
        let response = configuration.errorRenderer.response(status, detail: detail)
        let body = response.body.bytes ?? []
        enqueue(ResponseEncoder.head(status: status, headers: response.headers, framing: .length(body.count),
                                     keepAlive: false, date: context.dateBytes()))
        enqueue(body)
        closeAfterFlush()
    }

    private func endExchange() {
        guard let ex = exchange else { return }
        for writer in ex.writers { writer.resume(throwing: HTTPBodyError.connectionClosed) }
        exchange = nil
        readPausedForBody = false
    }

    // MARK: - Responses (called from jobs posted by RequestTask)

    func startResponse(serial: UInt64, status: HTTPStatus, headers: HTTPHeaders, body: [UInt8]?) {
        guard case .open = phase, var ex = exchange, ex.serial == serial, !ex.responseStarted else { return }
        ex.responseStarted = true
        // Keep the connection only if the request allows it, we are not shutting down, and the request body
        // was read to its end (otherwise its remaining bytes would be taken for the next request).
        var keepAlive = ex.requestKeepAlive && !closeWhenDone && !context.draining && ex.bodyComplete
            && !headers.containsToken("close", in: "Connection")
        let framing: ResponseEncoder.Framing
        if status.forbidsBody {
            framing = .noBody
        } else if let body {
            framing = .length(body.count)
        } else if ex.version.minor >= 1 {
            framing = .chunked
            ex.chunked = true
        } else {
            framing = .untilClose
            keepAlive = false
        }
        ex.keepAliveAfter = keepAlive
        exchange = ex
        enqueue(ResponseEncoder.head(status: status, headers: headers, framing: framing, keepAlive: keepAlive,
                                     date: context.dateBytes(), http10: ex.version.minor == 0))
        if let body {
            if !ex.isHead, !status.forbidsBody { enqueue(body) }
            finishExchange()
        } else {
            updateInterest()
            refreshDeadline()
        }
    }

    func writeBody(serial: UInt64, bytes: [UInt8], continuation: CheckedContinuation<Void, any Error>) {
        guard case .open = phase, var ex = exchange, ex.serial == serial, ex.responseStarted else {
            continuation.resume(throwing: HTTPBodyError.connectionClosed)
            return
        }
        if ex.isHead {
            continuation.resume()
            return
        }
        enqueue(ex.chunked ? ResponseEncoder.chunk(bytes) : bytes)
        if isClosed {
            continuation.resume(throwing: HTTPBodyError.connectionClosed)
            return
        }
        if outputPending > configuration.outputHighWater {
            ex.writers.append(continuation)
            exchange = ex
        } else {
            continuation.resume()
        }
        updateInterest()
        refreshDeadline()
    }

    func finishBody(serial: UInt64) {
        guard case .open = phase, let ex = exchange, ex.serial == serial, ex.responseStarted else { return }
        if ex.chunked, !ex.isHead { enqueue(ResponseEncoder.lastChunk) }
        finishExchange()
    }

    func abortResponse(serial: UInt64) {
        guard let ex = exchange, ex.serial == serial else { return }
        abort()
    }

    private func finishExchange() {
        guard let ex = exchange else { return }
        endExchange()
        if isClosed { return }
        if !ex.keepAliveAfter {
            closeAfterFlush()
            return
        }
        // Serve what the client pipelined meanwhile.
        headStartedAt = context.now
        processInput()
    }

    // MARK: - Output

    private func enqueue(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, !isClosed else { return }
        if outputPending == 0 {
            output = bytes
            outputStart = 0
        } else {
            output.append(contentsOf: bytes)
        }
        flush()
    }

    /// Writes as much as the socket takes now; the rest waits for EPOLLOUT.
    private func flush() {
        while outputStart < output.count {
            let n = output.withUnsafeBytes { buf in
                send(fd, buf.baseAddress! + outputStart, buf.count - outputStart, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                outputStart += n
                lastProgress = context.now
            } else if n < 0, errno == EINTR {
                continue
            } else if n < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                break
            } else {
                abort()
                return
            }
        }
        if outputStart == output.count {
            output = []
            outputStart = 0
        } else if outputStart > 64 * 1024 {
            output.removeSubrange(0..<outputStart)
            outputStart = 0
        }
    }

    private func writable() {
        flush()
        if isClosed { return }
        if var ex = exchange, !ex.writers.isEmpty, outputPending <= configuration.outputHighWater / 2 {
            let writers = ex.writers
            ex.writers = []
            exchange = ex
            for writer in writers { writer.resume() }
        }
        if outputPending == 0, case .closingAfterFlush = phase { linger() }
        updateInterest()
        refreshDeadline()
    }

    private var wantedInterest: UInt32 {
        var wanted: UInt32 = 0
        switch phase {
        case .lingering: wanted = EPOLLIN.rawValue
        case .closingAfterFlush: break
        case .open:
            if let ex = exchange {
                if !ex.bodyComplete, !readPausedForBody, !peerClosedInput { wanted = EPOLLIN.rawValue }
            } else if !peerClosedInput {
                wanted = EPOLLIN.rawValue
            }
        }
        if outputPending > 0 { wanted |= EPOLLOUT.rawValue }
        return wanted
    }

    /// Adding interest happens at once (or readiness would be missed); removing it waits until an unwanted
    /// event actually arrives (`exact`). A client waiting for its response sends nothing, so a request
    /// usually costs no `epoll_ctl` at all, instead of two.
    private func updateInterest(exact: Bool = false) {
        guard !isClosed else { return }
        let wanted = wantedInterest
        if wanted & ~interest != 0 || (exact && wanted != interest) {
            interest = wanted
            context.setInterest(fd, id: id, events: wanted)
        }
    }

    // MARK: - Closing

    private func closeAfterFlush() {
        phase = .closingAfterFlush
        if isClosed { return }
        if outputPending == 0 { linger() } else { updateInterest(); refreshDeadline() }
    }

    /// Half-close and drain before closing: closing a socket with unread input makes the kernel send a
    /// reset, which can destroy the response the client has not read yet (RFC 9112 §9.6).
    private func linger() {
        if peerClosedInput {
            abort()
            return
        }
        shutdown(fd, Int32(SHUT_WR))
        phase = .lingering(since: context.now)
        updateInterest()
        refreshDeadline()
    }

    /// Asked by a shutting-down server: finish the request in flight, then close; close idle ones now.
    func drain() {
        closeWhenDone = true
        guard case .open = phase else { return }
        if exchange == nil {
            if outputPending == 0 { abort() } else { closeAfterFlush() }
        }
    }

    /// Closes now and frees everything: the handler is cancelled, a body reader and stream writers get
    /// ``HTTPBodyError/connectionClosed``.
    func abort() {
        guard !isClosed else { return }
        if let ex = exchange {
            ex.channel?.fail(.connectionClosed)
            ex.task.cancel()
            endExchange()
        }
        context.remove(self)
        close(fd)
        output = []
    }

    // MARK: - Deadlines

    /// Recomputes the single deadline from the state; the loop's timer scan calls ``deadlinePassed()``.
    func refreshDeadline() {
        guard !isClosed else { return }
        let c = configuration
        switch phase {
        case .lingering(let since):
            set(since + c.lingerTimeout.nanoseconds, .close)
        case .closingAfterFlush:
            set(lastProgress + c.idleTimeout.nanoseconds, .close)
        case .open:
            if let ex = exchange {
                if !ex.responseStarted {
                    if ex.bodyComplete {
                        set(ex.bodyCompletedAt + c.handlerTimeout.nanoseconds, .handlerTimeout)
                    } else if readPausedForBody {
                        set(lastProgress + c.handlerTimeout.nanoseconds, .handlerTimeout)
                    } else {
                        set(lastProgress + c.idleTimeout.nanoseconds, .close)
                    }
                } else if outputPending > 0 || (!ex.bodyComplete && !readPausedForBody) {
                    set(lastProgress + c.idleTimeout.nanoseconds, .close)
                } else {
                    set(.max, .none)
                }
            } else if outputPending > 0 {
                set(lastProgress + c.idleTimeout.nanoseconds, .close)
            } else if parser.isReceivingHead {
                set(headStartedAt + c.headerTimeout.nanoseconds, .requestTimeout)
            } else if !servedAny {
                // A connection that has sent nothing yet gets the header timeout too, not the idle one.
                set(headStartedAt + c.headerTimeout.nanoseconds, .close)
            } else {
                set(lastProgress + c.idleTimeout.nanoseconds, .close)
            }
        }
    }

    private func set(_ deadline: UInt64, _ action: DeadlineAction) {
        self.deadline = deadline
        deadlineAction = action
        context.schedule(deadline)
    }

    func deadlinePassed() {
        switch deadlineAction {
        case .none:
            break
        case .close:
            abort()
        case .requestTimeout:
            respondWithError(.requestTimeout, detail: "The request headers were not received in time.")
        case .handlerTimeout:
            if let ex = exchange {
                ex.channel?.fail(.connectionClosed)
                ex.task.cancel()
                endExchange()
            }
            respondWithError(.serviceUnavailable, detail: "The request took too long to process.")
        }
    }
}
