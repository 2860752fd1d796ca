/// What the server calls for each request. ``Router`` is one; a closure is another.
public protocol HTTPResponder: Sendable {
    /// The most body bytes this request may carry, decided from the head alone so that a 413 is sent before
    /// the body is read. Called on an event-loop thread: must be fast and must not block.
    func bodyLimit(for head: HTTPRequestHead) -> Int

    /// Produces the response. Thrown ``HTTPBodyError``s become 413/400; other errors become 500.
    func respond(to request: HTTPRequest) async throws -> HTTPResponse
}

/// A responder from a closure, with one body limit for every request.
public struct ClosureResponder: HTTPResponder {
    let limit: Int
    let handler: @Sendable (HTTPRequest) async throws -> HTTPResponse

    public init(bodyLimit: Int = 1 << 20, _ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        self.limit = bodyLimit
        self.handler = handler
    }

    public func bodyLimit(for head: HTTPRequestHead) -> Int { limit }

    public func respond(to request: HTTPRequest) async throws -> HTTPResponse { try await handler(request) }
}
