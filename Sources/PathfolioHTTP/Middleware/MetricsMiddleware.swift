/// Feeds ``HTTPMetrics`` from every request a router serves.
public struct MetricsMiddleware: HTTPMiddleware {
    let metrics: HTTPMetrics

    public init(_ metrics: HTTPMetrics) { self.metrics = metrics }

    public func respond(
        to request: HTTPRequest, next: (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let start = ContinuousClock.now
        metrics.adjustInFlight(1)
        defer { metrics.adjustInFlight(-1) }
        func seconds() -> Double {
            let (s, atto) = (ContinuousClock.now - start).components
            return Double(s) + Double(atto) / 1e18
        }
        do {
            let response = try await next(request)
            metrics.record(method: request.method, status: response.status.code, seconds: seconds())
            return response
        } catch {
            let status = if case HTTPBodyError.tooLarge = error { 413 } else { 500 }
            metrics.record(method: request.method, status: status, seconds: seconds())
            throw error
        }
    }
}
