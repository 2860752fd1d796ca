import Synchronization

/// Request counters and a latency histogram, rendered in the Prometheus text format for `/metrics`.
///
/// Labels are the method (known methods only, others as `OTHER`) and the status code, never the path:
/// paths carry ids, and one series per id would grow without bound.
public final class HTTPMetrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    public static let bucketBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Series: Hashable {
        let method: String
        let status: Int
    }

    private struct State {
        var requests: [Series: Int] = [:]
        var buckets = [Int](repeating: 0, count: HTTPMetrics.bucketBounds.count)
        var count = 0
        var sum = 0.0
        var inFlight = 0
    }

    private let state = Mutex(State())

    public init() {}

    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// Records a finished request.
    public func record(method: HTTPMethod, status: Int, seconds: Double) {
        let name = Self.knownMethods.contains(method.rawValue) ? method.rawValue : "OTHER"
        state.withLock { s in
            s.requests[Series(method: name, status: status), default: 0] += 1
            for (i, bound) in Self.bucketBounds.enumerated() where seconds <= bound { s.buckets[i] += 1 }
            s.count += 1
            s.sum += seconds
        }
    }

    func adjustInFlight(_ delta: Int) { state.withLock { $0.inFlight += delta } }

    /// Requests counted so far for `method` and `status`.
    public func requestCount(method: HTTPMethod, status: Int) -> Int {
        state.withLock { $0.requests[Series(method: method.rawValue, status: status)] ?? 0 }
    }

    /// The Prometheus text exposition (format 0.0.4).
    public func prometheusText() -> String {
        let s = state.withLock { $0 }
        var out = "# HELP http_requests_total Requests served, by method and status.\n"
        out += "# TYPE http_requests_total counter\n"
        for (series, value) in s.requests.sorted(by: { ($0.key.method, $0.key.status) < ($1.key.method, $1.key.status) }) {
            out += "http_requests_total{method=\"\(series.method)\",status=\"\(series.status)\"} \(value)\n"
        }
        out += "# HELP http_request_duration_seconds Time to the response head.\n"
        out += "# TYPE http_request_duration_seconds histogram\n"
        for (bound, value) in zip(Self.bucketBounds, s.buckets) {
            out += "http_request_duration_seconds_bucket{le=\"\(bound)\"} \(value)\n"
        }
        out += "http_request_duration_seconds_bucket{le=\"+Inf\"} \(s.count)\n"
        out += "http_request_duration_seconds_sum \(s.sum)\n"
        out += "http_request_duration_seconds_count \(s.count)\n"
        out += "# HELP http_requests_in_flight Requests being handled.\n"
        out += "# TYPE http_requests_in_flight gauge\n"
        out += "http_requests_in_flight \(s.inFlight)\n"
        return out
    }
}
