/// An incremental HTTP/1.1 request parser (RFC 9112), as a value type fed bytes.
///
/// Feed bytes with ``append(_:)`` and pull events with ``next()`` until it returns nil (more bytes needed).
/// Each request yields `.head`, then zero or more `.body` chunks, then `.end`; the next request follows on
/// the same parser (keep-alive and pipelining). It never needs a socket, so every rule is unit-tested and fuzzed.
///
/// The parser is strict wherever leniency lets two parties disagree about where a message ends (request
/// smuggling, RFC 9112 §11.2): see ``HTTPParseError`` for the rules. After an error it stays failed; the
/// connection must be closed.
public struct HTTPRequestParser: Sendable {
    public enum Event: Equatable, Sendable {
        case head(HTTPRequestHead)
        case body([UInt8])
        case end
    }

    private struct RequestLine: Sendable {
        var method: HTTPMethod
        var target: String
        var version: HTTPVersion
        var path: String
        var query: String?
        var authority: String?
    }

    private enum State: Sendable {
        /// Waiting for a request line; `scanned` bytes after the read index hold no LF.
        case requestLine(scanned: Int)
        /// Reading field lines; `lineStart` is where the next (incomplete) line begins.
        /// `scanFrom` is where the search for the line's LF resumes, so a header trickled in byte by byte is
        /// scanned once, not once per byte.
        case headers(RequestLine, fields: [(name: String, value: String)], sectionStart: Int, lineStart: Int, scanFrom: Int)
        case fixedBody(remaining: Int)
        case chunkedBody(ChunkedBodyDecoder)
        case endOfMessage
        case failed(HTTPParseError)
    }

    public let limits: HTTPParserLimits
    private var buffer: [UInt8] = []
    private var index = 0
    private var state: State = .requestLine(scanned: 0)
    private var emptyLinesSkipped = 0

    public init(limits: HTTPParserLimits = HTTPParserLimits()) { self.limits = limits }

    /// Bytes received but not yet consumed.
    public var bufferedByteCount: Int { buffer.count - index }

    /// True between messages: the previous request (if any) ended and no byte of the next one is buffered.
    /// The server uses it to choose between the idle timeout and the header timeout.
    public var isBetweenMessages: Bool {
        if case .requestLine = state { return buffer.count == index }
        return false
    }

    /// True while a head is being received (the header timeout applies).
    public var isReceivingHead: Bool {
        switch state {
        case .requestLine: buffer.count > index
        case .headers: true
        default: false
        }
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfUseful()
        buffer.append(contentsOf: bytes)
    }

    public mutating func append<C: Collection<UInt8>>(_ bytes: C) {
        compactIfUseful()
        buffer.append(contentsOf: bytes)
    }

    /// Drops consumed bytes so an idle connection holds no buffer memory and indices stay small.
    private mutating func compactIfUseful() {
        guard index > 0 else { return }
        if index == buffer.count {
            if buffer.capacity > 64 * 1024 { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
        } else if index > 4096, index > buffer.count / 2 {
            buffer.removeSubrange(0..<index)
        } else {
            return
        }
        // Header state holds absolute indices into the buffer.
        if case .headers(let line, let fields, let sectionStart, let lineStart, let scanFrom) = state {
            state = .headers(line, fields: fields, sectionStart: sectionStart - index, lineStart: lineStart - index,
                             scanFrom: scanFrom - index)
        }
        index = 0
    }

    /// Releases buffer memory when nothing is buffered (an idle keep-alive connection).
    public mutating func shrinkIfIdle() {
        if index == buffer.count, buffer.capacity > 0 {
            buffer = []
            index = 0
        }
    }

    /// The next event, or nil when more bytes are needed.
    public mutating func next() throws(HTTPParseError) -> Event? {
        do {
            return try step()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .endOfMessage:
                state = .requestLine(scanned: 0)
                return .end
            case .requestLine(let scanned):
                // RFC 9112 §2.2: a server SHOULD ignore at least one empty line received before the request line.
                // Bounded, so a client cannot hold a connection forever by sending only empty lines.
                var scanned = scanned
                while buffer.count - index >= 2, buffer[index] == ASCII.cr, buffer[index + 1] == ASCII.lf {
                    index += 2
                    scanned = 0
                    emptyLinesSkipped += 1
                    if emptyLinesSkipped > 4 { throw .invalidRequestLine }
                }
                if index < buffer.count, buffer[index] == ASCII.lf { throw .bareLineFeed }
                var i = index + scanned
                var lineEnd: Int?
                while i < buffer.count {
                    if buffer[i] == ASCII.lf { lineEnd = i; break }
                    i += 1
                }
                guard let lf = lineEnd else {
                    // +1: the limit excludes CRLF, and the final CR may already be here.
                    if buffer.count - index > limits.maxRequestLineBytes + 1 { throw .requestLineTooLong }
                    state = .requestLine(scanned: max(0, buffer.count - index))
                    return nil
                }
                // Checks in the order an incremental reader meets them, so the outcome never depends on
                // how the bytes were split across reads (the fuzzer checks this).
                if lf - index > limits.maxRequestLineBytes + 1 { throw .requestLineTooLong }
                guard lf > index, buffer[lf - 1] == ASCII.cr else { throw .bareLineFeed }
                if lf - 1 - index > limits.maxRequestLineBytes { throw .requestLineTooLong }
                emptyLinesSkipped = 0
                let line = try Self.parseRequestLine(buffer[index..<(lf - 1)])
                index = lf + 1
                state = .headers(line, fields: [], sectionStart: index, lineStart: index, scanFrom: index)
            case .headers(let line, var fields, let sectionStart, let lineStart, let scanFrom):
                // Release the state's reference so appending to `fields` does not copy the array.
                state = .endOfMessage
                var start = lineStart
                var i = scanFrom
                while true {
                    guard let lf = buffer[i...].firstIndex(of: ASCII.lf) else {
                        if buffer.count - sectionStart > limits.maxHeaderBytes { throw .headerSectionTooLarge }
                        state = .headers(line, fields: fields, sectionStart: sectionStart, lineStart: start,
                                         scanFrom: buffer.count)
                        return nil
                    }
                    if lf + 1 - sectionStart > limits.maxHeaderBytes { throw .headerSectionTooLarge }
                    guard lf > start, buffer[lf - 1] == ASCII.cr else { throw .bareLineFeed }
                    if lf - 1 == start {
                        index = lf + 1
                        let head = try Self.makeHead(line, fields: fields)
                        switch head.framing {
                        case .none, .length(0): state = .endOfMessage
                        case .length(let n): state = .fixedBody(remaining: n)
                        case .chunked: state = .chunkedBody(ChunkedBodyDecoder(limits: limits))
                        }
                        return .head(head)
                    }
                    let field = try Self.parseFieldLine(buffer[start..<(lf - 1)])
                    fields.append(field)
                    if fields.count > limits.maxHeaderFields { throw .tooManyHeaderFields }
                    start = lf + 1
                    i = start
                }
            case .fixedBody(let remaining):
                let available = buffer.count - index
                guard available > 0 else { return nil }
                let n = min(available, remaining)
                let chunk = Array(buffer[index..<(index + n)])
                index += n
                state = n == remaining ? .endOfMessage : .fixedBody(remaining: remaining - n)
                return .body(chunk)
            case .chunkedBody(var decoder):
                let event = try decoder.decode(buffer, from: &index)
                switch event {
                case nil:
                    state = .chunkedBody(decoder)
                    return nil
                case .data(let range):
                    state = .chunkedBody(decoder)
                    return .body(Array(buffer[range]))
                case .end:
                    state = .requestLine(scanned: 0)
                    return .end
                }
            }
        }
    }

    // MARK: - Request line (RFC 9112 §3)

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> RequestLine {
        if line.contains(ASCII.cr) { throw .strayCarriageReturn }
        // Exactly one SP between the three parts; no leniency about whitespace (RFC 9112 §3).
        guard let sp1 = line.firstIndex(of: ASCII.space) else { throw .invalidRequestLine }
        guard let sp2 = line[(sp1 + 1)...].firstIndex(of: ASCII.space) else { throw .invalidRequestLine }
        let methodBytes = line[line.startIndex..<sp1]
        let targetBytes = line[(sp1 + 1)..<sp2]
        let versionBytes = line[(sp2 + 1)...]
        if versionBytes.contains(ASCII.space) || targetBytes.isEmpty { throw .invalidRequestLine }
        guard ASCII.isToken(methodBytes) else {
            throw methodBytes.isEmpty ? .invalidRequestLine : .invalidMethod
        }
        let version = try parseVersion(versionBytes)
        guard !targetBytes.isEmpty else { throw .invalidRequestLine }
        // request-target: visible ASCII only; '#' (fragment) is never sent (RFC 9112 §3.2).
        for b in targetBytes where b < 0x21 || b > 0x7E || b == UInt8(ascii: "#") {
            throw .invalidTarget
        }
        let method = HTTPMethod(String(decoding: methodBytes, as: UTF8.self))
        let target = String(decoding: targetBytes, as: UTF8.self)
        var line = RequestLine(method: method, target: target, version: version, path: target, query: nil, authority: nil)
        try classifyTarget(targetBytes, into: &line)
        return line
    }

    private static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        // HTTP-version = "HTTP/" DIGIT "." DIGIT (case-sensitive)
        let v = Array(bytes)
        guard v.count == 8, v[0] == 0x48, v[1] == 0x54, v[2] == 0x54, v[3] == 0x50, v[4] == 0x2F,
              (0x30...0x39).contains(v[5]), v[6] == 0x2E, (0x30...0x39).contains(v[7])
        else { throw .invalidVersion }
        let version = HTTPVersion(major: Int(v[5] - 0x30), minor: Int(v[7] - 0x30))
        guard version.major == 1 else { throw .unsupportedVersion }
        return version
    }

    /// The four forms of RFC 9112 §3.2.
    private static func classifyTarget(_ bytes: ArraySlice<UInt8>, into line: inout RequestLine) throws(HTTPParseError) {
        let first = bytes[bytes.startIndex]
        if line.method == .connect {
            // authority-form, only for CONNECT: host ":" port.
            guard first != UInt8(ascii: "/"), let colon = bytes.lastIndex(of: ASCII.colon),
                  colon + 1 < bytes.endIndex, bytes[(colon + 1)...].allSatisfy({ (0x30...0x39).contains($0) }),
                  isValidHost(bytes[bytes.startIndex..<colon])
            else { throw .invalidTarget }
            line.path = line.target
            line.authority = line.target
            return
        }
        if first == UInt8(ascii: "/") {
            splitPathAndQuery(line.target, into: &line)
            return
        }
        if bytes.count == 1, first == UInt8(ascii: "*") {
            guard line.method == .options else { throw .asteriskFormWithoutOptions }
            line.path = "*"
            return
        }
        // absolute-form: scheme "://" authority path-abempty [ "?" query ]
        guard let colon = bytes.firstIndex(of: ASCII.colon) else { throw .invalidTarget }
        let scheme = bytes[bytes.startIndex..<colon]
        guard let s0 = scheme.first, (0x41...0x5A).contains(s0 & ~0x20),
              scheme.allSatisfy({ (0x41...0x5A).contains($0 & ~0x20) || (0x30...0x39).contains($0)
                  || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { throw .invalidTarget }
        let afterColon = bytes[(colon + 1)...]
        guard afterColon.starts(with: "//".utf8) else { throw .invalidTarget }
        let authorityStart = colon + 3
        let authorityEnd = bytes[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }
            ?? bytes.endIndex
        let authority = bytes[authorityStart..<authorityEnd]
        // userinfo is deprecated in http(s) URIs and a classic confusion vector (RFC 9110 §4.2.4).
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")), isValidHost(authority)
        else { throw .invalidTarget }
        line.authority = String(decoding: authority, as: UTF8.self)
        var rest = String(decoding: bytes[authorityEnd...], as: UTF8.self)
        if rest.first == "?" || rest.isEmpty { rest = "/" + rest }
        splitPathAndQuery(rest, into: &line)
    }

    private static func splitPathAndQuery(_ target: String, into line: inout RequestLine) {
        if let q = target.firstIndex(of: "?") {
            line.path = String(target[..<q])
            line.query = String(target[target.index(after: q)...])
        } else {
            line.path = target
        }
    }

    /// uri-host [ ":" port ] with reg-name, IPv4 or IP-literal characters only (RFC 3986 §3.2.2).
    /// An empty host is allowed for Host (RFC 9110 §7.2), not for an absolute-form authority (checked there).
    static func isValidHost<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        for b in bytes {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: continue
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "%"),
                 UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
                 UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
                continue
            default:
                return false
            }
        }
        return true
    }

    // MARK: - Field lines (RFC 9112 §5)

    private static func parseFieldLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (name: String, value: String) {
        let first = line[line.startIndex]
        // obs-fold (RFC 9112 §5.2); also a first field line starting with whitespace (§2.2). Both rejected.
        if first == ASCII.space || first == ASCII.tab { throw .obsoleteLineFolding }
        if line.contains(ASCII.cr) { throw .strayCarriageReturn }
        guard let colon = line.firstIndex(of: ASCII.colon) else { throw .invalidHeaderName }
        let name = line[line.startIndex..<colon]
        // No whitespace is allowed between name and colon (RFC 9112 §5.1): it is not a tchar, so this rejects it.
        guard ASCII.isToken(name) else { throw .invalidHeaderName }
        var vStart = colon + 1
        var vEnd = line.endIndex
        while vStart < vEnd, line[vStart] == ASCII.space || line[vStart] == ASCII.tab { vStart += 1 }
        while vEnd > vStart, line[vEnd - 1] == ASCII.space || line[vEnd - 1] == ASCII.tab { vEnd -= 1 }
        let value = line[vStart..<vEnd]
        for b in value where !ASCII.isFieldValueChar(b) { throw .invalidHeaderValue }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    // MARK: - Message semantics

    private static func makeHead(_ line: RequestLine, fields: [(name: String, value: String)]) throws(HTTPParseError) -> HTTPRequestHead {
        let headers = HTTPHeaders(fields)
        let isHTTP11 = line.version.minor >= 1

        // Host (RFC 9112 §3.2): exactly one in HTTP/1.1, at most one in HTTP/1.0, and well-formed.
        let hosts = headers.values(for: "Host")
        if hosts.count > 1 { throw .multipleHost }
        if isHTTP11, hosts.isEmpty { throw .missingHost }
        if let host = hosts.first, !isValidHost(host.utf8) { throw .invalidHost }

        // Framing (RFC 9112 §6.1–6.3).
        let contentLengths = headers.values(for: "Content-Length")
        let transferEncodings = headers.values(for: "Transfer-Encoding")
        var framing = HTTPBodyFraming.none
        if !transferEncodings.isEmpty {
            if !contentLengths.isEmpty { throw .contentLengthWithTransferEncoding }
            if !isHTTP11 { throw .transferEncodingInHTTP10 }
            var codings: [Substring] = []
            for value in transferEncodings {
                for element in value.split(separator: ",", omittingEmptySubsequences: false) {
                    codings.append(element.trimmingHTTPWhitespace())
                }
            }
            guard codings.allSatisfy({ ASCII.isToken($0.utf8) }) else { throw .invalidTransferEncoding }
            let chunkedCount = codings.filter { ASCII.equalsLowercase($0.utf8, "chunked") }.count
            if codings.count == 1, chunkedCount == 1 {
                framing = .chunked
            } else if chunkedCount == 1, ASCII.equalsLowercase(codings.last!.utf8, "chunked") {
                // e.g. "gzip, chunked": well-formed, but a coding this server does not implement.
                throw .unsupportedTransferCoding
            } else {
                // chunked missing, repeated or not last: the length cannot be determined (§6.3).
                throw .invalidTransferEncoding
            }
        } else if !contentLengths.isEmpty {
            // Stricter than RFC 9110 §8.6 allows: even identical repeated values ("5, 5" or two fields) are
            // rejected. No legitimate client sends them, and accepting them only widens the disagreement surface.
            if contentLengths.count > 1 || contentLengths[0].contains(",") { throw .duplicateContentLength }
            let digits = contentLengths[0].utf8
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ (0x30...0x39).contains($0) })
            else { throw .invalidContentLength }
            framing = .length(Int(contentLengths[0])!)
        }

        // Persistence (RFC 9112 §9.3).
        let close = headers.containsToken("close", in: "Connection")
        let keepAlive = isHTTP11 ? !close : (!close && headers.containsToken("keep-alive", in: "Connection"))

        // Expect (RFC 9110 §10.1.1): an HTTP/1.0 client cannot mean it, so it is ignored there.
        var expectsContinue = false
        let expectations = headers.values(for: "Expect")
        if isHTTP11, !expectations.isEmpty {
            guard expectations.count == 1, ASCII.equalsLowercase(expectations[0].utf8, "100-continue")
            else { throw .unsupportedExpectation }
            expectsContinue = framing != .none && framing != .length(0)
        }

        return HTTPRequestHead(
            method: line.method, target: line.target, version: line.version, headers: headers,
            path: line.path, query: line.query, authority: line.authority ?? hosts.first, framing: framing,
            keepAlive: keepAlive, expectsContinue: expectsContinue
        )
    }
}
