/// Code around every request a ``Router`` serves (404 and 405 included): request ids, access logs, metrics,
/// authentication… Call `next` to continue the chain, or answer without it.
public protocol HTTPMiddleware: Sendable {
    func respond(
        to request: HTTPRequest,
        next: (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse
}
