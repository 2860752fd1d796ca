/// A request as an application sees it: the validated head, the path parameters the router matched,
/// and the body stream.
public struct HTTPRequest: Sendable {
    public var head: HTTPRequestHead
    public var body: HTTPRequestBody
    /// Values of `{name}` segments of the matched route, percent-decoded.
    public var pathParameters: [String: String]

    public init(head: HTTPRequestHead, body: HTTPRequestBody = .empty, pathParameters: [String: String] = [:]) {
        self.head = head
        self.body = body
        self.pathParameters = pathParameters
    }

    public var method: HTTPMethod { head.method }
    public var target: String { head.target }
    /// The percent-encoded path.
    public var path: String { head.path }
    public var headers: HTTPHeaders {
        get { head.headers }
        set { head.headers = newValue }
    }

    /// Query items in order, percent-decoded, `+` read as a space (form encoding).
    public var queryItems: [(name: String, value: String)] {
        guard let query = head.query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentDecoding.decode(parts[0], plusAsSpace: true) ?? String(parts[0])
            let value = parts.count > 1 ? (PercentDecoding.decode(parts[1], plusAsSpace: true) ?? String(parts[1])) : ""
            return (name, value)
        }
    }

    /// The first value of query item `name`.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }
}
