import Foundation
import Glibc
import Synchronization
import Testing
@testable import PathfolioHTTP

func testRouter() -> Router {
    var router = Router()
    router.get("/hello") { _ in .text("hello") }
    router.get("/echo/{value}") { request in .text(request.pathParameters["value"] ?? "") }
    router.get("/slow/{ms}") { request in
        let ms = Int(request.pathParameters["ms"] ?? "0") ?? 0
        try await Task.sleep(for: .milliseconds(ms))
        return .text("slept \(ms)")
    }
    router.post("/upload", bodyLimit: 1024) { request in
        let body = try await request.body.collect(upTo: 1024)
        return .text("got \(body.count)")
    }
    router.put("/big", bodyLimit: 25 << 20) { request in
        var count = 0
        var sum: UInt64 = 0
        for try await chunk in request.body {
            count += chunk.count
            for b in chunk { sum &+= UInt64(b) }
        }
        return .text("\(count) \(sum)")
    }
    router.get("/stream/{n}") { request in
        let n = Int(request.pathParameters["n"] ?? "0") ?? 0
        return HTTPResponse(headers: ["Content-Type": "text/plain"], body: .stream { writer in
            for i in 0..<n {
                try await writer.write([UInt8](repeating: UInt8(ascii: "a") + UInt8(i % 26), count: 1000))
            }
        })
    }
    router.delete("/items/{id}") { _ in HTTPResponse(status: .noContent) }
    router.get("/items/{id}") { request in .text("item \(request.pathParameters["id"]!)") }
    return router
}

@Suite(.serialized) struct ServerEndToEndTests {
    @Test func keepAliveServes100RequestsOnOneConnection() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                for i in 0..<100 {
                    let r = try client.get("/echo/\(i)")
                    #expect(r.status == 200)
                    #expect(r.text == "\(i)")
                    #expect(r.headers["Date"] != nil)
                    #expect(r.headers["Content-Length"] == "\(String(i).utf8.count)")
                }
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                // The first is the slowest: its answer must still come first.
                try client.send("GET /slow/200 HTTP/1.1\r\nHost: t\r\n\r\nGET /slow/50 HTTP/1.1\r\nHost: t\r\n\r\nGET /echo/third HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().text == "slept 200")
                #expect(try client.readResponse().text == "slept 50")
                #expect(try client.readResponse().text == "third")
            }
        }
    }

    @Test func contentTooLargeIsAnsweredBeforeTheBodyIsSent() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n")
                let r = try client.readResponse()
                #expect(r.status == 413)
                #expect(r.headers["Connection"] == "close")
                #expect(try client.waitForClose())
            }
        }
    }

    @Test func expectContinueGets413InsteadOf100WhenTooLarge() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
                #expect(try client.readResponse().status == 413)
            }
        }
    }

    @Test func expectContinueGets100ThenTheAnswer() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                #expect(try client.readResponse().status == 100)
                try client.send("hello")
                let r = try client.readResponse()
                #expect(r.status == 200)
                #expect(r.text == "got 5")
                #expect(try client.get("/hello").text == "hello")
            }
        }
    }

    @Test func chunkedBodyOverTheLimitGets413() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                let chunk = "400\r\n" + String(repeating: "x", count: 1024) + "\r\n"
                try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk)
                #expect(try client.readResponse().status == 413)
            }
        }
    }

    @Test func slowHeadersGet408AndClose() async throws {
        try await withServer(testRouter(), configure: { $0.headerTimeout = .milliseconds(300) }) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
                let r = try client.readResponse()
                #expect(r.status == 408)
                #expect(try client.waitForClose())
            }
        }
    }

    @Test func tricklingHeadersDoNotResetTheHeaderTimeout() async throws {
        try await withServer(testRouter(), configure: { $0.headerTimeout = .milliseconds(500) }) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                let start = Date()
                var got408 = false
                for byte in Array("GET /hello HTTP/1.1\r\nHost: t\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "z"), count: 100) {
                    do { try client.send([byte]) } catch { break }
                    usleep(50_000)
                    if Date().timeIntervalSince(start) > 1.5 { break }
                }
                got408 = (try? client.readResponse().status) == 408
                #expect(got408)
                #expect(Date().timeIntervalSince(start) < 3)
            }
        }
    }

    @Test func unreadBodyMeansTheConnectionCloses() async throws {
        var router = Router()
        router.post("/ignore") { _ in .text("ignored") }
        try await withServer(router) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("POST /ignore HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n" + String(repeating: "x", count: 1000))
                let r = try client.readResponse()
                #expect(r.text == "ignored")
                // The rest of the body must not be read as a request: the server closes instead.
                #expect(r.headers["Connection"] == "close")
                #expect(try client.waitForClose())
            }
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() async throws {
        try await withServer(testRouter(), configure: { $0.idleTimeout = .milliseconds(300) }) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                #expect(try client.get("/hello").status == 200)
                let start = Date()
                #expect(try client.waitForClose())
                #expect(Date().timeIntervalSince(start) >= 0.2)
            }
        }
    }

    @Test func thousandConcurrentIdleConnectionsAreAllAnswered() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                var clients: [TestClient] = []
                for _ in 0..<1000 { clients.append(try TestClient(port: port, timeout: 20)) }
                // All open and idle at once; then each is used.
                for (i, c) in clients.enumerated() { try c.send("GET /echo/\(i) HTTP/1.1\r\nHost: t\r\n\r\n") }
                for (i, c) in clients.enumerated() {
                    let r = try c.readResponse()
                    #expect(r.status == 200 && r.text == "\(i)")
                }
                // And again, proving the connections were kept alive.
                for (i, c) in clients.enumerated() where i % 10 == 0 { #expect(try c.get("/hello").status == 200) }
            }
        }
    }

    @Test func headHasTheHeadersOfGetWithoutTheBody() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                let get = try client.get("/hello")
                try client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                let head = try client.readResponse(forHead: true)
                #expect(head.status == 200)
                #expect(head.headers["Content-Length"] == get.headers["Content-Length"])
                #expect(head.headers["Content-Type"] == get.headers["Content-Type"])
                // No body bytes were sent: the next response parses cleanly.
                #expect(try client.get("/echo/after").text == "after")
            }
        }
    }

    @Test func wrongMethodGets405WithAllow() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("POST /items/7 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
                let r = try client.readResponse()
                #expect(r.status == 405)
                #expect(r.headers["Allow"] == "DELETE, GET, HEAD")
                #expect(try client.get("/nowhere").status == 404)
                #expect(try client.get("/items/7").text == "item 7")
            }
        }
    }

    @Test func streamedResponseIsChunked() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                let r = try client.get("/stream/500")
                #expect(r.status == 200)
                #expect(r.headers["Transfer-Encoding"] == "chunked")
                #expect(r.headers["Content-Length"] == nil)
                #expect(r.body.count == 500_000)
                #expect(r.body[999] == UInt8(ascii: "a") && r.body[1000] == UInt8(ascii: "b"))
                #expect(try client.get("/hello").text == "hello")
            }
        }
    }

    @Test func streamedResponseToHTTP10IsCloseDelimited() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("GET /stream/3 HTTP/1.0\r\n\r\n")
                let r = try client.readResponse()
                #expect(r.body.count == 3000)
                #expect(r.headers["Transfer-Encoding"] == nil)
            }
        }
    }

    @Test func streamedUploadIsReadInFull() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port, timeout: 20)
                let size = 5_000_000
                let body = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) }
                let sum = body.reduce(UInt64(0)) { $0 &+ UInt64($1) }
                try client.send("PUT /big HTTP/1.1\r\nHost: t\r\nContent-Length: \(size)\r\n\r\n")
                try client.send(body)
                #expect(try client.readResponse().text == "\(size) \(sum)")
                // Chunked, in uneven pieces.
                try client.send("PUT /big HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
                var offset = 0
                while offset < size {
                    let n = min(size - offset, 70_001)
                    try client.send(Array((String(n, radix: 16) + "\r\n").utf8) + body[offset..<(offset + n)] + Array("\r\n".utf8))
                    offset += n
                }
                try client.send("0\r\n\r\n")
                #expect(try client.readResponse().text == "\(size) \(sum)")
            }
        }
    }

    @Test func gracefulShutdownFinishesTheRequestInFlight() async throws {
        var configuration = HTTPServerConfiguration(address: ListenAddress(host: "127.0.0.1", port: 0))
        configuration.eventLoopCount = 2
        let server = HTTPServer(configuration: configuration, responder: testRouter())
        try server.start()
        let port = try #require(server.localPort)
        async let response = offPool { () -> TestResponse in
            let client = try TestClient(port: port)
            try client.send("GET /slow/400 HTTP/1.1\r\nHost: t\r\n\r\n")
            return try client.readResponse()
        }
        try await Task.sleep(for: .milliseconds(150))
        await server.shutdown(grace: .seconds(5))
        let r = try await response
        #expect(r.status == 200)
        #expect(r.text == "slept 400")
        #expect(r.headers["Connection"] == "close")
        await #expect(throws: TestClientError.self) { try await offPool { _ = try TestClient(port: port) } }
    }

    @Test func shutdownGraceEndsHandlersThatTakeTooLong() async throws {
        var configuration = HTTPServerConfiguration(address: ListenAddress(host: "127.0.0.1", port: 0))
        configuration.eventLoopCount = 1
        let server = HTTPServer(configuration: configuration, responder: testRouter())
        try server.start()
        let port = try #require(server.localPort)
        async let closed = offPool { () -> Bool in
            let client = try TestClient(port: port)
            try client.send("GET /slow/30000 HTTP/1.1\r\nHost: t\r\n\r\n")
            return try client.waitForClose()
        }
        try await Task.sleep(for: .milliseconds(100))
        let start = ContinuousClock.now
        await server.shutdown(grace: .milliseconds(300))
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(try await closed)
    }

    @Test func malformedRequestsGet4xxAndDoNotDisturbOthers() async throws {
        let malformed = [
            "GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            "GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n",
            "GET / HTTP/1.1\nHost: t\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: t\r\nHost: u\r\n\r\n",
            "GET /\u{1} HTTP/1.1\r\nHost: t\r\n\r\n",
            "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n",
            "GET * HTTP/1.1\r\nHost: t\r\n\r\n",
            "\u{0}\u{1}\u{2}garbage\r\n\r\n",
            "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: t\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: t\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n",
        ]
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let good = try TestClient(port: port)
                #expect(try good.get("/hello").status == 200)
                for text in malformed {
                    let bad = try TestClient(port: port)
                    try bad.send(text)
                    let r = try bad.readResponse()
                    #expect((400..<500).contains(r.status), "\(r.status) for \(text.prefix(60).debugDescription)")
                    #expect(r.headers["Connection"] == "close")
                    #expect(try bad.waitForClose())
                    // The other connection is unaffected.
                    #expect(try good.get("/echo/ok").text == "ok")
                }
            }
        }
    }

    @Test func unsupportedVersionGets505() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/2.0\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().status == 505)
            }
        }
    }

    @Test func malformedRequestAfterAGoodOneOnTheSameConnection() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
                #expect(try client.readResponse().status == 200)
                #expect(try client.readResponse().status == 400)
                #expect(try client.waitForClose())
            }
        }
    }

    @Test func handlerTimeoutGives503() async throws {
        try await withServer(testRouter(), configure: { $0.handlerTimeout = .milliseconds(200) }) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                let r = try client.get("/slow/5000")
                #expect(r.status == 503)
                #expect(try client.waitForClose())
                #expect(try TestClient(port: port).get("/hello").status == 200)
            }
        }
    }

    @Test func connectionsOverTheLimitAreTurnedAwayPolitely() async throws {
        try await withServer(testRouter(), configure: { $0.maxConnections = 2; $0.eventLoopCount = 1 }) { _, port in
            try await offPool {
                let a = try TestClient(port: port)
                let b = try TestClient(port: port)
                #expect(try a.get("/hello").status == 200)
                #expect(try b.get("/hello").status == 200)
                let c = try TestClient(port: port)
                #expect(try c.readResponse().status == 503)
                #expect(try a.get("/hello").status == 200)
            }
        }
    }

    @Test func http10ClosesAfterTheResponse() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("GET /hello HTTP/1.0\r\n\r\n")
                let r = try client.readResponse()
                #expect(r.status == 200)
                #expect(r.headers["Connection"] == "close")
                #expect(try client.waitForClose())
            }
        }
    }

    @Test func http10KeepAliveIsAcknowledged() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                for _ in 0..<2 {
                    try client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                    let r = try client.readResponse()
                    #expect(r.headers["Connection"] == "keep-alive")
                    #expect(r.text == "hello")
                }
            }
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withServer(testRouter()) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                let r = try client.get("/hello", headers: "Connection: close\r\n")
                #expect(r.headers["Connection"] == "close")
                #expect(try client.waitForClose())
            }
        }
    }

    @Test func clientVanishingMidStreamFreesTheConnection() async throws {
        let finished = Mutex<(Bool, (any Error)?)>((false, nil))
        var router = Router()
        router.get("/forever") { _ in
            HTTPResponse(body: .stream { writer in
                do {
                    while true { try await writer.write([UInt8](repeating: 120, count: 64 * 1024)) }
                } catch {
                    finished.withLock { $0 = (true, error) }
                    throw error
                }
            })
        }
        try await withServer(router) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("GET /forever HTTP/1.1\r\nHost: t\r\n\r\n")
                var linger = linger(l_onoff: 1, l_linger: 0)
                setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
                usleep(200_000)
            }
            for _ in 0..<50 where !finished.withLock({ $0.0 }) { try await Task.sleep(for: .milliseconds(100)) }
            #expect(finished.withLock { $0.0 })
            #expect(finished.withLock { $0.1 as? HTTPBodyError } == .connectionClosed)
        }
    }

    @Test func slowReaderSuspendsTheStreamingWriter() async throws {
        let written = Atomic<Int>(0)
        var router = Router()
        router.get("/export") { _ in
            HTTPResponse(body: .stream { writer in
                while true {
                    try await writer.write([UInt8](repeating: 120, count: 64 * 1024))
                    written.add(64 * 1024, ordering: .relaxed)
                }
            })
        }
        try await withServer(router) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("GET /export HTTP/1.1\r\nHost: t\r\n\r\n")
                usleep(300_000)
                let first = written.load(ordering: .relaxed)
                usleep(300_000)
                let second = written.load(ordering: .relaxed)
                // Without backpressure this would grow by gigabytes per second; with it, it stops once the
                // socket buffers and the 256 KiB output queue are full.
                #expect(second == first)
                #expect(second < 64 << 20)
            }
        }
    }

    @Test func addressInUseIsItsOwnError() async throws {
        try await withServer(testRouter()) { _, port in
            let second = HTTPServer(configuration: HTTPServerConfiguration(address: ListenAddress(host: "127.0.0.1", port: port)),
                                    responder: testRouter())
            #expect(throws: HTTPServerError.addressInUse("127.0.0.1:\(port)")) { try second.start() }
        }
    }

    @Test func ipv6Loopback() async throws {
        let server = HTTPServer(configuration: try HTTPServerConfiguration(listen: "[::1]:0"), responder: testRouter())
        do { try server.start() } catch HTTPServerError.addressNotAvailable { return }
        #expect(server.localPort != nil && server.localPort != 0)
        await server.shutdown(grace: .seconds(1))
    }

    @Test func errorRendererShapesServerErrors() async throws {
        let renderer = HTTPErrorRenderer { status, detail in
            ("application/problem+json", Array("{\"status\":\(status.code),\"detail\":\(JSONString.quote(detail))}".utf8))
        }
        try await withServer(testRouter(), configure: { $0.errorRenderer = renderer }) { _, port in
            try await offPool {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\n\r\n")
                let r = try client.readResponse()
                #expect(r.status == 400)
                #expect(r.headers["Content-Type"] == "application/problem+json")
                #expect(r.text.hasPrefix("{\"status\":400,"))
            }
        }
    }
}
