/// The request line and header section of a request, validated by ``HTTPRequestParser``.
public struct HTTPRequestHead: Hashable, Sendable {
    public var method: HTTPMethod
    /// The request target exactly as received.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The path of the target, still percent-encoded; `*` for asterisk-form, the authority for CONNECT.
    public var path: String
    /// The raw query (after `?`), if any.
    public var query: String?
    /// The host the request addresses: the authority of an absolute-form target, else the `Host` header.
    public var authority: String?
    public var framing: HTTPBodyFraming
    /// Whether the connection may carry another request after this one (HTTP/1.0 and `Connection` rules).
    public var keepAlive: Bool
    /// `Expect: 100-continue` on an HTTP/1.1 request.
    public var expectsContinue: Bool

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = [:],
        path: String? = nil, query: String? = nil, authority: String? = nil, framing: HTTPBodyFraming = .none,
        keepAlive: Bool = true, expectsContinue: Bool = false
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        if let path {
            self.path = path
            self.query = query
        } else if let q = target.firstIndex(of: "?") {
            self.path = String(target[..<q])
            self.query = String(target[target.index(after: q)...])
        } else {
            self.path = target
            self.query = query
        }
        self.authority = authority
        self.framing = framing
        self.keepAlive = keepAlive
        self.expectsContinue = expectsContinue
    }

    public static func == (lhs: HTTPRequestHead, rhs: HTTPRequestHead) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.version == rhs.version
            && lhs.headers == rhs.headers && lhs.path == rhs.path && lhs.query == rhs.query
            && lhs.authority == rhs.authority && lhs.framing == rhs.framing && lhs.keepAlive == rhs.keepAlive
            && lhs.expectsContinue == rhs.expectsContinue
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(target)
    }
}
