import Glibc

/// Writes one JSON line per request to a sink (stdout, a file, a test's array):
/// `{"time":"…Z","request_id":"…","method":"GET","path":"/healthz","status":200,"duration_ms":0.42}`.
///
/// Put it after ``RequestIDMiddleware`` so the id is known. For streamed responses the line is written when
/// the head is ready, so `duration_ms` is the time to first byte. The query is left out on purpose: it can
/// carry personal data, and an access log of student records must not.
public struct AccessLogMiddleware: HTTPMiddleware {
    public typealias Sink = @Sendable (String) -> Void

    let sink: Sink

    public init(sink: @escaping Sink) { self.sink = sink }

    /// A sink writing lines to standard output, one `write(2)` per line so lines from concurrent requests
    /// never interleave.
    public static let standardOutput: Sink = { line in
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { _ = write(1, $0.baseAddress, $0.count) }
    }

    public func respond(
        to request: HTTPRequest, next: (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let start = ContinuousClock.now
        do {
            let response = try await next(request)
            log(request, status: response.status.code, since: start)
            return response
        } catch let error as HTTPBodyError {
            if case .tooLarge = error { log(request, status: 413, since: start) }
            throw error
        } catch {
            log(request, status: 500, since: start)
            throw error
        }
    }

    private func log(_ request: HTTPRequest, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let (s, atto) = elapsed.components
        let ms = Double(s) * 1000 + Double(atto) / 1e15
        var line = "{\"time\":\"\(Self.timestamp())\""
        if let id = request.headers[RequestIDMiddleware.headerName] {
            line += ",\"request_id\":\(JSONString.quote(id))"
        }
        line += ",\"method\":\(JSONString.quote(request.method.rawValue))"
        line += ",\"path\":\(JSONString.quote(request.path))"
        line += ",\"status\":\(status)"
        line += ",\"duration_ms\":\((ms * 1000).rounded() / 1000)}"
        sink(line)
    }

    /// RFC 3339 UTC with milliseconds.
    static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var tm = tm()
        gmtime_r(&t, &tm)
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(Int(tm.tm_year) + 1900, 4))-\(pad(Int(tm.tm_mon) + 1, 2))-\(pad(Int(tm.tm_mday), 2))T"
            + "\(pad(Int(tm.tm_hour), 2)):\(pad(Int(tm.tm_min), 2)):\(pad(Int(tm.tm_sec), 2))."
            + "\(pad(Int(ts.tv_nsec) / 1_000_000, 3))Z"
    }
}
