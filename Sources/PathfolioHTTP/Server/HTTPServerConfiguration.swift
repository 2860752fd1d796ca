import Glibc

/// Everything a server can be told. Defaults follow SPEC §3.
public struct HTTPServerConfiguration: Sendable {
    public var address: ListenAddress
    /// Request line, header section and chunk-line limits (414, 431).
    public var limits = HTTPParserLimits()
    /// Time from the first byte of a request to the end of its header section (→ 408 and close; slowloris).
    public var headerTimeout: Duration = .seconds(10)
    /// Time an idle keep-alive connection is kept, and the longest stall while sending or receiving a body.
    public var idleTimeout: Duration = .seconds(60)
    /// Time a handler has to produce the response head (→ 503 and close). Streaming after the head is not
    /// bounded by it (an export may take minutes), only by `idleTimeout` between writes the client accepts.
    public var handlerTimeout: Duration = .seconds(30)
    /// Open connections across the server; over it, new ones get a short 503 and are closed.
    public var maxConnections = 10_000
    /// Event-loop threads; each owns an epoll instance and its connections.
    public var eventLoopCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    public var backlog: Int32 = 1024
    /// Bytes queued for a client before a streaming writer waits (backpressure).
    public var outputHighWater = 256 * 1024
    /// Bytes of request body buffered for a handler before the loop stops reading the socket.
    public var inputHighWater = 256 * 1024
    /// Bodies of the server's own error responses.
    public var errorRenderer = HTTPErrorRenderer.plainText
    /// How long to keep reading (and discarding) after answering with `Connection: close`, so the client
    /// can read the answer instead of getting a reset for bytes it had already sent.
    public var lingerTimeout: Duration = .seconds(2)

    public init(address: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080)) {
        self.address = address
    }

    /// `listen` as `127.0.0.1:8080`, `[::1]:8080` or `:8080`.
    public init(listen: String) throws(HTTPServerError) {
        self.init(address: try ListenAddress(parsing: listen))
    }
}
