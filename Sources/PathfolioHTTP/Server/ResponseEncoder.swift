/// Serializes response heads and chunk frames. The server owns framing: `Content-Length`,
/// `Transfer-Encoding` and `Connection` from the application are replaced, and fields that could split the
/// response (CR, LF or NUL in a value, a non-token name) are dropped rather than sent.
enum ResponseEncoder {
    enum Framing {
        /// `Content-Length: n` (also for HEAD, the length the GET would have had).
        case length(Int)
        case chunked
        /// HTTP/1.0 stream: no length, the end of the body is the close of the connection.
        case untilClose
        /// 1xx, 204, 304.
        case noBody
    }

    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    static let lastChunk = Array("0\r\n\r\n".utf8)
    static let overloaded = Array(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n".utf8)

    static func head(
        status: HTTPStatus, headers: HTTPHeaders, framing: Framing, keepAlive: Bool, date: [UInt8], http10: Bool = false
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        out.append(contentsOf: String(status.code).utf8)
        out.append(ASCII.space)
        for b in status.reasonPhrase.utf8 where b == ASCII.tab || b == ASCII.space || (b > 0x20 && b != 0x7F) {
            out.append(b)
        }
        out.append(contentsOf: "\r\nDate: ".utf8)
        out.append(contentsOf: date)
        out.append(contentsOf: "\r\n".utf8)
        for (name, value) in headers {
            if HTTPHeaders.namesEqual(name, "Content-Length") || HTTPHeaders.namesEqual(name, "Transfer-Encoding")
                || HTTPHeaders.namesEqual(name, "Connection") || HTTPHeaders.namesEqual(name, "Date") {
                continue
            }
            guard ASCII.isToken(name.utf8), value.utf8.allSatisfy({ $0 == ASCII.tab || ($0 >= 0x20 && $0 != 0x7F) })
            else { continue }
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: value.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        switch framing {
        case .length(let n):
            out.append(contentsOf: "Content-Length: ".utf8)
            out.append(contentsOf: String(n).utf8)
            out.append(contentsOf: "\r\n".utf8)
        case .chunked:
            out.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
        case .untilClose, .noBody:
            break
        }
        if !keepAlive {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if http10 {
            // An HTTP/1.0 client assumes close unless told otherwise (RFC 9112 §9.3).
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        return out
    }

    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 12)
        out.append(contentsOf: String(bytes.count, radix: 16).utf8)
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: bytes)
        out.append(contentsOf: "\r\n".utf8)
        return out
    }
}
