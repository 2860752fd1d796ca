/// Routes requests by method and path pattern, through a chain of middleware.
///
/// ```swift
/// var router = Router()
/// router.use(RequestIDMiddleware())
/// router.get("/v1/learners/{id}/plans") { request in
///     .text("plans of \(request.pathParameters["id"]!)")
/// }
/// router.post("/v1/evidence", bodyLimit: 25 << 20) { request in … }
/// ```
///
/// A path that matches no route gets 404; a path whose routes do not take the method gets 405 with `Allow`.
/// HEAD is served by the GET route when there is no HEAD route (the server drops the body).
public struct Router: HTTPResponder {
    public typealias Handler = @Sendable (HTTPRequest) async throws -> HTTPResponse

    struct Route: Sendable {
        let method: HTTPMethod
        let pattern: RoutePattern
        let bodyLimit: Int?
        let handler: Handler
    }

    /// Body limit of routes registered without their own (SPEC §3: JSON bodies 1 MiB).
    public var defaultBodyLimit: Int
    /// Bodies of 404 and 405.
    public var errorRenderer: HTTPErrorRenderer
    private var routes: [Route] = []
    private var middleware: [any HTTPMiddleware] = []

    public init(defaultBodyLimit: Int = 1 << 20, errorRenderer: HTTPErrorRenderer = .plainText) {
        self.defaultBodyLimit = defaultBodyLimit
        self.errorRenderer = errorRenderer
    }

    /// Registers `handler` for `method` on `pattern`; `bodyLimit` overrides ``defaultBodyLimit`` (→ 413).
    public mutating func on(_ method: HTTPMethod, _ pattern: String, bodyLimit: Int? = nil, _ handler: @escaping Handler) {
        routes.append(Route(method: method, pattern: RoutePattern(pattern), bodyLimit: bodyLimit, handler: handler))
    }

    public mutating func get(_ pattern: String, _ handler: @escaping Handler) { on(.get, pattern, handler) }
    public mutating func head(_ pattern: String, _ handler: @escaping Handler) { on(.head, pattern, handler) }
    public mutating func post(_ pattern: String, bodyLimit: Int? = nil, _ handler: @escaping Handler) {
        on(.post, pattern, bodyLimit: bodyLimit, handler)
    }
    public mutating func put(_ pattern: String, bodyLimit: Int? = nil, _ handler: @escaping Handler) {
        on(.put, pattern, bodyLimit: bodyLimit, handler)
    }
    public mutating func patch(_ pattern: String, bodyLimit: Int? = nil, _ handler: @escaping Handler) {
        on(.patch, pattern, bodyLimit: bodyLimit, handler)
    }
    public mutating func delete(_ pattern: String, _ handler: @escaping Handler) { on(.delete, pattern, handler) }

    /// Every registered route as (method, pattern), in registration order: for checking the
    /// router against an API document.
    public var registeredRoutes: [(method: HTTPMethod, pattern: String)] {
        routes.map { ($0.method, $0.pattern.description) }
    }

    /// Adds middleware; the first added is the outermost.
    public mutating func use(_ middleware: some HTTPMiddleware) { self.middleware.append(middleware) }

    // MARK: - HTTPResponder

    public func bodyLimit(for head: HTTPRequestHead) -> Int {
        switch resolve(head.method, head.path) {
        case .found(let route, _): route.bodyLimit ?? defaultBodyLimit
        // No handler will read the body: accept the default so the client hears 404/405, not 413.
        default: defaultBodyLimit
        }
    }

    public func respond(to request: HTTPRequest) async throws -> HTTPResponse {
        try await run(request, from: 0)
    }

    private func run(_ request: HTTPRequest, from index: Int) async throws -> HTTPResponse {
        if index < middleware.count {
            return try await middleware[index].respond(to: request) { try await run($0, from: index + 1) }
        }
        return try await dispatch(request)
    }

    private func dispatch(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch resolve(request.method, request.path) {
        case .found(let route, let parameters):
            var request = request
            request.pathParameters = parameters
            return try await route.handler(request)
        case .methodNotAllowed(let allowed):
            var response = errorRenderer.response(.methodNotAllowed, detail: "\(request.method) is not allowed here.")
            response.headers["Allow"] = allowed.map(\.rawValue).joined(separator: ", ")
            return response
        case .notFound:
            return errorRenderer.response(.notFound, detail: "No resource at this path.")
        }
    }

    enum Resolution {
        case found(Route, [String: String])
        case methodNotAllowed([HTTPMethod])
        case notFound
    }

    func resolve(_ method: HTTPMethod, _ path: String) -> Resolution {
        guard path.hasPrefix("/") else { return .notFound }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let parts = Array(segments)
        var matches: [(route: Route, parameters: [String: String])] = []
        for route in routes {
            if let parameters = route.pattern.match(parts) { matches.append((route, parameters)) }
        }
        // The resource is the most specific pattern that matches (`/v1/frameworks/import` over
        // `/v1/frameworks/{id}`): only its routes answer, and only its methods are in `Allow`.
        guard let resource = matches.map(\.route.pattern).reduce(nil, { (best: RoutePattern?, pattern) in
            best.map { pattern.isMoreSpecific(than: $0) ? pattern : $0 } ?? pattern
        }) else { return .notFound }
        let own = matches.filter { !$0.route.pattern.isMoreSpecific(than: resource) && !resource.isMoreSpecific(than: $0.route.pattern) }
        if let found = own.first(where: { $0.route.method == method })
            ?? (method == .head ? own.first(where: { $0.route.method == .get }) : nil) {
            return .found(found.route, found.parameters)
        }
        var allowed: [HTTPMethod] = []
        for match in own where !allowed.contains(match.route.method) { allowed.append(match.route.method) }
        if allowed.contains(.get), !allowed.contains(.head) { allowed.append(.head) }
        return .methodNotAllowed(allowed)
    }
}
