import Testing
@testable import PathfolioHTTP

/// Feeds `text` (all at once, or one byte at a time) and collects events until the parser needs more.
func parse(_ text: String, limits: HTTPParserLimits = HTTPParserLimits(), byteByByte: Bool = false) throws(HTTPParseError) -> [HTTPRequestParser.Event] {
    var parser = HTTPRequestParser(limits: limits)
    var events: [HTTPRequestParser.Event] = []
    let bytes = Array(text.utf8)
    if byteByByte {
        for b in bytes {
            parser.append([b])
            while let e = try parser.next() { events.append(e) }
        }
    } else {
        parser.append(bytes)
        while let e = try parser.next() { events.append(e) }
    }
    // Adjacent body chunks are merged so both feeding modes compare equal.
    var merged: [HTTPRequestParser.Event] = []
    for e in events {
        if case .body(let b) = e, case .body(let a)? = merged.last {
            merged[merged.count - 1] = .body(a + b)
        } else {
            merged.append(e)
        }
    }
    return merged
}

func head(_ events: [HTTPRequestParser.Event], _ i: Int = 0) -> HTTPRequestHead? {
    var n = 0
    for e in events { if case .head(let h) = e { if n == i { return h }; n += 1 } }
    return nil
}

func expectError(_ expected: HTTPParseError, _ text: String, limits: HTTPParserLimits = HTTPParserLimits(),
                 sourceLocation: SourceLocation = #_sourceLocation) {
    for byteByByte in [false, true] {
        #expect(throws: expected, sourceLocation: sourceLocation) { try parse(text, limits: limits, byteByByte: byteByByte) }
    }
}

@Suite struct RequestLineTests {
    @Test func simpleGet() throws {
        let events = try parse("GET /a/b?x=1&y=%20 HTTP/1.1\r\nHost: example.org\r\n\r\n")
        let h = try #require(head(events))
        #expect(h.method == .get)
        #expect(h.target == "/a/b?x=1&y=%20")
        #expect(h.path == "/a/b")
        #expect(h.query == "x=1&y=%20")
        #expect(h.version == .http1_1)
        #expect(h.keepAlive)
        #expect(h.framing == .none)
        #expect(events.last == .end)
    }

    @Test func incrementalFeedingGivesTheSameEvents() throws {
        let text = "POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-T: 1\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(try parse(text) == parse(text, byteByByte: true))
    }

    @Test func leadingEmptyLinesAreIgnored() throws {
        #expect(head(try parse("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")) != nil)
    }

    @Test func methodIsCaseSensitiveToken() throws {
        #expect(head(try parse("get / HTTP/1.1\r\nHost: a\r\n\r\n"))?.method.rawValue == "get")
        expectError(.invalidMethod, "GE(T / HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test func singleSpacesOnly() {
        expectError(.invalidRequestLine, "GET  / HTTP/1.1\r\nHost: a\r\n\r\n")
        expectError(.invalidRequestLine, "GET / HTTP/1.1 \r\nHost: a\r\n\r\n")
        expectError(.invalidRequestLine, "GET /\r\nHost: a\r\n\r\n")
        expectError(.invalidRequestLine, "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test func targetWithControlOrFragmentIsRejected() {
        expectError(.invalidTarget, "GET /a\u{1}b HTTP/1.1\r\nHost: a\r\n\r\n")
        expectError(.invalidTarget, "GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n")
        expectError(.invalidTarget, "GET relative HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test func versions() throws {
        expectError(.unsupportedVersion, "GET / HTTP/2.0\r\nHost: a\r\n\r\n")
        expectError(.unsupportedVersion, "GET / HTTP/0.9\r\nHost: a\r\n\r\n")
        expectError(.invalidVersion, "GET / HTTP/1.10\r\nHost: a\r\n\r\n")
        expectError(.invalidVersion, "GET / http/1.1\r\nHost: a\r\n\r\n")
        #expect(HTTPParseError.unsupportedVersion.status.code == 505)
    }

    @Test func http10DefaultsToClose() throws {
        #expect(head(try parse("GET / HTTP/1.0\r\n\r\n"))?.keepAlive == false)
        #expect(head(try parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"))?.keepAlive == true)
        #expect(head(try parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))?.keepAlive == false)
        #expect(head(try parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, Close\r\n\r\n"))?.keepAlive == false)
    }

    @Test func absoluteFormUsesItsAuthority() throws {
        let h = try #require(head(try parse("GET http://example.org:8080/p/q?z=1 HTTP/1.1\r\nHost: other\r\n\r\n")))
        #expect(h.path == "/p/q")
        #expect(h.query == "z=1")
        #expect(h.authority == "example.org:8080")
        #expect(head(try parse("GET http://example.org HTTP/1.1\r\nHost: x\r\n\r\n"))?.path == "/")
        expectError(.invalidTarget, "GET http://user@example.org/ HTTP/1.1\r\nHost: x\r\n\r\n")
        expectError(.invalidTarget, "GET http:/example.org/ HTTP/1.1\r\nHost: x\r\n\r\n")
    }

    @Test func asteriskFormOnlyForOptions() throws {
        #expect(head(try parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"))?.path == "*")
        expectError(.asteriskFormWithoutOptions, "GET * HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test func authorityFormOnlyForConnect() throws {
        #expect(head(try parse("CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n"))?.authority == "example.org:443")
        expectError(.invalidTarget, "CONNECT /x HTTP/1.1\r\nHost: a\r\n\r\n")
        expectError(.invalidTarget, "GET example.org:443 HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test func requestLineLimitGives414() {
        var limits = HTTPParserLimits()
        limits.maxRequestLineBytes = 64
        let long = "GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\nHost: a\r\n\r\n"
        expectError(.requestLineTooLong, long, limits: limits)
        #expect(HTTPParseError.requestLineTooLong.status.code == 414)
        // Without a line end at all, the limit still applies (no unbounded buffering).
        expectError(.requestLineTooLong, "GET /" + String(repeating: "a", count: 100), limits: limits)
        // Exactly at the limit is fine.
        let exact = "GET /" + String(repeating: "a", count: 64 - 14) + " HTTP/1.1"
        #expect(exact.utf8.count == 64)
        #expect(throws: Never.self) { try parse(exact + "\r\nHost: a\r\n\r\n", limits: limits) }
    }
}

@Suite struct LineEndingTests {
    @Test func bareLineFeedInRequestLine() { expectError(.bareLineFeed, "GET / HTTP/1.1\nHost: a\r\n\r\n") }
    @Test func bareLineFeedInHeaders() { expectError(.bareLineFeed, "GET / HTTP/1.1\r\nHost: a\n\r\n") }
    @Test func bareLineFeedEndingHeaders() { expectError(.bareLineFeed, "GET / HTTP/1.1\r\nHost: a\r\n\n") }
    @Test func bareLineFeedBeforeRequest() { expectError(.bareLineFeed, "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n") }
    @Test func strayCarriageReturnInRequestLine() { expectError(.strayCarriageReturn, "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n") }
    @Test func strayCarriageReturnInHeaderValue() { expectError(.strayCarriageReturn, "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n") }
}

@Suite struct HeaderTests {
    @Test func namesAreCaseInsensitiveAndRepeatsKeptInOrder() throws {
        let h = try #require(head(try parse("GET / HTTP/1.1\r\nhost: a\r\nX-A: 1\r\nx-a: 2\r\nX-B:3\r\nX-Empty:\r\n\r\n")))
        #expect(h.headers["HOST"] == "a")
        #expect(h.headers.values(for: "X-A") == ["1", "2"])
        #expect(h.headers["x-b"] == "3")
        #expect(h.headers["X-Empty"] == "")
    }

    @Test func valueWhitespaceIsTrimmed() throws {
        #expect(head(try parse("GET / HTTP/1.1\r\nHost: a\r\nX:  \t v w \t \r\n\r\n"))?.headers["X"] == "v w")
    }

    @Test func obsoleteLineFolding() {
        expectError(.obsoleteLineFolding, "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n  continued\r\n\r\n")
        expectError(.obsoleteLineFolding, "GET / HTTP/1.1\r\n\tHost: a\r\n\r\n")
    }

    @Test func whitespaceBeforeColon() { expectError(.invalidHeaderName, "GET / HTTP/1.1\r\nHost : a\r\n\r\n") }
    @Test func invalidNameCharacter() { expectError(.invalidHeaderName, "GET / HTTP/1.1\r\nHost: a\r\nX(Y): 1\r\n\r\n") }
    @Test func missingColon() { expectError(.invalidHeaderName, "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n") }
    @Test func emptyName() { expectError(.invalidHeaderName, "GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n") }
    @Test func nulInValue() { expectError(.invalidHeaderValue, "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n") }
    @Test func deleteInValue() { expectError(.invalidHeaderValue, "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{7F}b\r\n\r\n") }

    @Test func missingHostInHTTP11() { expectError(.missingHost, "GET / HTTP/1.1\r\nX: 1\r\n\r\n") }
    @Test func hostOptionalInHTTP10() throws { #expect(head(try parse("GET / HTTP/1.0\r\n\r\n")) != nil) }
    @Test func multipleHost() { expectError(.multipleHost, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") }
    @Test func invalidHost() { expectError(.invalidHost, "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n") }

    @Test func headerSectionLimitGives431() {
        var limits = HTTPParserLimits()
        limits.maxHeaderBytes = 100
        expectError(.headerSectionTooLarge, "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: 200) + "\r\n\r\n", limits: limits)
        // Also when the section never ends.
        expectError(.headerSectionTooLarge, "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: 200), limits: limits)
        #expect(HTTPParseError.headerSectionTooLarge.status.code == 431)
    }

    @Test func fieldCountLimitGives431() {
        var limits = HTTPParserLimits()
        limits.maxHeaderFields = 5
        let fields = (0..<6).map { "X-\($0): v\r\n" }.joined()
        expectError(.tooManyHeaderFields, "GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n", limits: limits)
        #expect(HTTPParseError.tooManyHeaderFields.status.code == 431)
    }

    @Test func defaultLimitsFollowTheSpec() {
        let limits = HTTPParserLimits()
        #expect(limits.maxRequestLineBytes == 8192)
        #expect(limits.maxHeaderBytes == 16384)
        #expect(limits.maxHeaderFields == 100)
    }

    @Test func expectations() throws {
        let h = try #require(head(try parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nExpect: 100-Continue\r\n\r\nabc")))
        #expect(h.expectsContinue)
        // HTTP/1.0 cannot mean it (RFC 9110 §10.1.1).
        #expect(head(try parse("POST / HTTP/1.0\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabc"))?.expectsContinue == false)
        expectError(.unsupportedExpectation, "GET / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\n\r\n")
        #expect(HTTPParseError.unsupportedExpectation.status.code == 417)
    }
}

/// Request smuggling (RFC 9112 §6.3, §11.2): every case where two parsers could disagree about where a
/// request ends is refused, and the server closes the connection after answering.
@Suite struct SmugglingTests {
    @Test func contentLengthWithTransferEncoding_CLTE() {
        expectError(.contentLengthWithTransferEncoding,
                    "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    }

    @Test func transferEncodingWithContentLength_TECL() {
        expectError(.contentLengthWithTransferEncoding,
                    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n")
    }

    @Test func duplicateContentLengthFields() {
        expectError(.duplicateContentLength, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
    }

    @Test func identicalDuplicateContentLengthIsAlsoRejected() {
        expectError(.duplicateContentLength, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
        expectError(.duplicateContentLength, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc")
    }

    @Test func malformedContentLength() {
        for value in ["-1", "+3", "3 4", "0x10", "abc", "", "1e3", "99999999999999999999", "3\t"] {
            expectError(.invalidContentLength, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(value)x\r\n\r\n")
        }
        expectError(.invalidContentLength, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n")
        expectError(.invalidContentLength, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n")
    }

    @Test func transferCodingOtherThanChunkedIsNotImplemented() {
        expectError(.unsupportedTransferCoding, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
        #expect(HTTPParseError.unsupportedTransferCoding.status.code == 501)
    }

    @Test func chunkedNotLastOrRepeatedOrObfuscated() {
        for value in ["chunked, gzip", "gzip", "chunked, chunked", "xchunked", "chunked ;q=1", "chunk", "\"chunked\"", ",chunked", "identity"] {
            expectError(.invalidTransferEncoding, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \(value)\r\n\r\n")
        }
        expectError(.invalidTransferEncoding,
                    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n")
    }

    @Test func transferEncodingIsCaseInsensitive() throws {
        #expect(head(try parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: ChUnKeD\r\n\r\n0\r\n\r\n"))?.framing == .chunked)
    }

    @Test func transferEncodingInHTTP10() {
        expectError(.transferEncodingInHTTP10, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    }

    @Test func obsFoldedTransferEncoding() {
        expectError(.obsoleteLineFolding, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n chunked\r\n\r\n")
    }

    @Test func spaceBeforeColonInTransferEncoding() {
        expectError(.invalidHeaderName, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\n")
    }

    @Test func chunkSizeOverflow() {
        expectError(.chunkSizeOverflow, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n")
        expectError(.chunkSizeOverflow, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF1\r\n")
    }

    @Test func malformedChunkSize() {
        for size in ["", "-1", "0x5", " 5", "5 5", "g", "+5"] {
            expectError(.invalidChunkSize, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nhello\r\n0\r\n\r\n")
        }
    }

    @Test func chunkDataNotFollowedByCRLF() {
        expectError(.invalidChunkFraming, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n")
        expectError(.invalidChunkFraming, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n")
    }

    @Test func bareLineFeedInChunkedBody() {
        expectError(.bareLineFeed, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n")
        expectError(.invalidChunkFraming, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\n0\r\n\r\n")
        expectError(.bareLineFeed, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\n")
    }

    @Test func chunkExtensionsAreBoundedAndIgnored() throws {
        let events = try parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;name=\"v\"\r\nhello\r\n0\r\n\r\n")
        #expect(events.dropFirst().first == .body(Array("hello".utf8)))
        let long = String(repeating: "a", count: 5000)
        expectError(.invalidChunkFraming, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;\(long)\r\nhello\r\n0\r\n\r\n")
        expectError(.invalidChunkSize, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a\u{1}\r\nhello\r\n0\r\n\r\n")
    }

    @Test func trailersAreValidatedAndDropped() throws {
        let events = try parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nContent-Length: 99\r\nX-Sum: 1\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(events.count == 5)
        #expect(head(events, 1)?.path == "/next")
        #expect(head(events, 0)?.headers.contains("X-Sum") == false)
        expectError(.invalidTrailer, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer\r\n\r\n")
        expectError(.obsoleteLineFolding, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n folded\r\n\r\n")
    }

    @Test func errorIsSticky() {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.duplicateContentLength) { try parser.next() }
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.duplicateContentLength) { try parser.next() }
    }
}

@Suite struct BodyTests {
    @Test func contentLengthBodyThenNextRequest() throws {
        let events = try parse("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(head(events)?.framing == .length(5))
        #expect(events[1] == .body(Array("hello".utf8)))
        #expect(events[2] == .end)
        #expect(head(events, 1)?.path == "/b")
    }

    @Test func zeroLengthBody() throws {
        let events = try parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
        #expect(events.count == 2)
        #expect(events[1] == .end)
    }

    @Test func chunkedBody() throws {
        let events = try parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nA\r\n0123456789\r\n0\r\n\r\n")
        #expect(events[1] == .body(Array("hello0123456789".utf8)))
        #expect(events[2] == .end)
    }

    @Test func incompleteBodyWaits() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc".utf8))
        #expect(try parser.next() != nil)
        #expect(try parser.next() == .body(Array("abc".utf8)))
        #expect(try parser.next() == nil)
        parser.append(Array("defghij".utf8))
        #expect(try parser.next() == .body(Array("defghij".utf8)))
        #expect(try parser.next() == .end)
        #expect(parser.isBetweenMessages)
    }

    @Test func chunkedDecoderAlone() throws {
        var decoder = ChunkedBodyDecoder()
        let bytes = Array("3\r\nabc\r\n0\r\n\r\n".utf8)
        var index = 0
        #expect(try decoder.decode(bytes, from: &index) == .data(3..<6))
        #expect(try decoder.decode(bytes, from: &index) == .end)
        #expect(index == bytes.count)
        #expect(decoder.isDone)
    }
}

@Suite struct MessageTypeTests {
    @Test func headersSubscriptReplacesAll() {
        var h: HTTPHeaders = ["A": "1", "a": "2", "B": "3"]
        h["A"] = "x"
        #expect(h.values(for: "a") == ["x"])
        #expect(h.count == 2)
        h["b"] = nil
        #expect(!h.contains("B"))
    }

    @Test func queryItemsAreDecoded() {
        let request = HTTPRequest(head: HTTPRequestHead(method: .get, target: "/p?a=1&b=x%20y&c=+z&d"))
        #expect(request.query("b") == "x y")
        #expect(request.query("c") == " z")
        #expect(request.query("d") == "")
        #expect(request.queryItems.count == 4)
    }

    @Test func listenAddresses() throws {
        #expect(try ListenAddress(parsing: "127.0.0.1:8080") == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(try ListenAddress(parsing: "[::1]:0") == ListenAddress(host: "::1", port: 0))
        #expect(try ListenAddress(parsing: ":80").host == "0.0.0.0")
        #expect(throws: HTTPServerError.self) { try ListenAddress(parsing: "example.org:80") }
        #expect(throws: HTTPServerError.self) { try ListenAddress(parsing: "127.0.0.1:99999") }
        #expect(throws: HTTPServerError.self) { try ListenAddress(parsing: "::1:80") }
    }

    @Test func imfFixdate() {
        #expect(HTTPDate.format(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
