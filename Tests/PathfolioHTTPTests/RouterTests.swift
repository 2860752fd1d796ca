import Synchronization
import Testing
@testable import PathfolioHTTP

func request(_ method: HTTPMethod, _ target: String, headers: HTTPHeaders = ["Host": "t"]) -> HTTPRequest {
    HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers))
}

@Suite struct RouterTests {
    @Test func pathParametersAreDecoded() async throws {
        var router = Router()
        router.get("/v1/learners/{id}/plans") { r in .text("plans of \(r.pathParameters["id"]!)") }
        let response = try await router.respond(to: request(.get, "/v1/learners/a%20b/plans"))
        #expect(response.body.bytes == Array("plans of a b".utf8))
    }

    @Test func literalSegmentsWinOverParameters() async throws {
        var router = Router()
        router.get("/plans/{id}") { _ in .text("by id") }
        router.get("/plans/search") { _ in .text("search") }
        #expect(try await router.respond(to: request(.get, "/plans/search")).body.bytes == Array("search".utf8))
        #expect(try await router.respond(to: request(.get, "/plans/42")).body.bytes == Array("by id".utf8))
    }

    @Test func notFoundAndMethodNotAllowed() async throws {
        var router = Router()
        router.get("/a") { _ in .text("a") }
        router.post("/a") { _ in .text("a") }
        #expect(try await router.respond(to: request(.get, "/b")).status == .notFound)
        #expect(try await router.respond(to: request(.get, "/a/")).status == .notFound)
        let r = try await router.respond(to: request(.delete, "/a"))
        #expect(r.status == .methodNotAllowed)
        #expect(r.headers["Allow"] == "GET, POST, HEAD")
        #expect(try await router.respond(to: request(.head, "/a")).status == .ok)
    }

    @Test func aLiteralResourceAnswersOnlyForItsOwnMethods() async throws {
        var router = Router()
        router.get("/frameworks/{id}") { _ in .text("one") }
        router.post("/frameworks/import") { _ in .text("imported") }
        let options = try await router.respond(to: request(.options, "/frameworks/import"))
        #expect(options.status == .methodNotAllowed)
        #expect(options.headers["Allow"] == "POST")
        #expect(try await router.respond(to: request(.get, "/frameworks/import")).status == .methodNotAllowed)
        #expect(try await router.respond(to: request(.get, "/frameworks/7")).body.bytes == Array("one".utf8))
    }

    @Test func emptyParameterDoesNotMatch() async throws {
        var router = Router()
        router.get("/items/{id}") { _ in .text("x") }
        #expect(try await router.respond(to: request(.get, "/items/")).status == .notFound)
    }

    @Test func bodyLimitPerRoute() {
        var router = Router(defaultBodyLimit: 100)
        router.post("/small") { _ in .text("") }
        router.put("/files/{id}", bodyLimit: 25 << 20) { _ in .text("") }
        #expect(router.bodyLimit(for: HTTPRequestHead(method: .post, target: "/small")) == 100)
        #expect(router.bodyLimit(for: HTTPRequestHead(method: .put, target: "/files/1")) == 25 << 20)
        #expect(router.bodyLimit(for: HTTPRequestHead(method: .put, target: "/unknown")) == 100)
    }

    @Test func middlewareRunsInOrderAroundEverything() async throws {
        struct Tag: HTTPMiddleware {
            let name: String
            func respond(to request: HTTPRequest, next: (HTTPRequest) async throws -> HTTPResponse) async throws -> HTTPResponse {
                var response = try await next(request)
                response.headers.add(name: "X-Trace", value: name)
                return response
            }
        }
        var router = Router()
        router.use(Tag(name: "outer"))
        router.use(Tag(name: "inner"))
        router.get("/a") { _ in .text("a") }
        #expect(try await router.respond(to: request(.get, "/a")).headers.values(for: "X-Trace") == ["inner", "outer"])
        #expect(try await router.respond(to: request(.get, "/zzz")).headers.values(for: "X-Trace") == ["inner", "outer"])
    }

    @Test func requestIDIsKeptOrGenerated() async throws {
        var router = Router()
        router.use(RequestIDMiddleware())
        router.get("/a") { r in .text(r.headers["X-Request-Id"] ?? "none") }
        let kept = try await router.respond(to: request(.get, "/a", headers: ["Host": "t", "X-Request-Id": "abc-123"]))
        #expect(kept.headers["X-Request-Id"] == "abc-123")
        #expect(kept.body.bytes == Array("abc-123".utf8))
        let fresh = try await router.respond(to: request(.get, "/a", headers: ["Host": "t", "X-Request-Id": "bad id\u{7}"]))
        let id = try #require(fresh.headers["X-Request-Id"])
        #expect(id.count == 32 && id != "bad id\u{7}")
        #expect(fresh.body.bytes == Array(id.utf8))
    }

    @Test func accessLogWritesOneJSONLinePerRequest() async throws {
        let lines = Mutex<[String]>([])
        var router = Router()
        router.use(RequestIDMiddleware())
        router.use(AccessLogMiddleware { line in lines.withLock { $0.append(line) } })
        router.get("/a/{id}") { _ in .text("a") }
        _ = try await router.respond(to: request(.get, "/a/\"x\"?secret=1", headers: ["Host": "t", "X-Request-Id": "r1"]))
        _ = try await router.respond(to: request(.post, "/nope"))
        let logged = lines.withLock { $0 }
        #expect(logged.count == 2)
        #expect(logged[0].hasPrefix("{\"time\":\""))
        #expect(logged[0].contains("\"request_id\":\"r1\",\"method\":\"GET\",\"path\":\"/a/\\\"x\\\"\",\"status\":200,\"duration_ms\":"))
        #expect(!logged[0].contains("secret"))
        #expect(logged[1].contains("\"status\":404"))
        #expect(!logged.joined().contains("\n"))
    }

    @Test func metricsCountAndRenderPrometheusText() async throws {
        let metrics = HTTPMetrics()
        var router = Router()
        router.use(MetricsMiddleware(metrics))
        router.get("/a") { _ in .text("a") }
        for _ in 0..<3 { _ = try await router.respond(to: request(.get, "/a")) }
        _ = try await router.respond(to: request(.get, "/missing"))
        _ = try await router.respond(to: request(HTTPMethod("BREW"), "/a"))
        #expect(metrics.requestCount(method: .get, status: 200) == 3)
        let text = metrics.prometheusText()
        #expect(text.contains("http_requests_total{method=\"GET\",status=\"200\"} 3\n"))
        #expect(text.contains("http_requests_total{method=\"GET\",status=\"404\"} 1\n"))
        #expect(text.contains("http_requests_total{method=\"OTHER\",status=\"405\"} 1\n"))
        #expect(text.contains("http_request_duration_seconds_bucket{le=\"+Inf\"} 5\n"))
        #expect(text.contains("# TYPE http_request_duration_seconds histogram\n"))
        #expect(text.contains("http_requests_in_flight 0\n"))
    }

    @Test func bodyCollectEnforcesItsLimit() async throws {
        await #expect(throws: HTTPBodyError.tooLarge(limit: 3)) { try await HTTPRequestBody("hello").collect(upTo: 3) }
        #expect(try await HTTPRequestBody("hello").collect() == Array("hello".utf8))
        #expect(try await HTTPRequestBody.empty.collect() == [])
    }

    @Test func requestBodyChannelAppliesBackpressure() async throws {
        let resumed = Atomic<Int>(0)
        let channel = RequestBodyChannel(highWater: 10) { resumed.add(1, ordering: .relaxed) }
        #expect(channel.push(Array(repeating: 1, count: 6)))
        #expect(!channel.push(Array(repeating: 2, count: 6)))   // 12 > 10: pause reading
        let body = HTTPRequestBody(channel: channel)
        var iterator = body.makeAsyncIterator()
        #expect(try await iterator.next()?.count == 6)            // 6 left, still above 10 / 2
        #expect(resumed.load(ordering: .relaxed) == 0)
        #expect(try await iterator.next()?.count == 6)            // drained: reading resumes
        #expect(resumed.load(ordering: .relaxed) == 1)
        channel.finish()
        #expect(try await iterator.next() == nil)
    }

    @Test func requestBodyReaderIsWokenByFailure() async throws {
        let channel = RequestBodyChannel {}
        let read = Task { try await HTTPRequestBody(channel: channel).collect() }
        try await Task.sleep(for: .milliseconds(50))
        channel.fail(.connectionClosed)
        await #expect(throws: HTTPBodyError.connectionClosed) { try await read.value }
    }
}
