import Foundation
import Glibc

/// A minimal HTTP/1.1 client for `pathfolio export`: one `GET` to a plain-`http` service (the CLI
/// talks to Pathfolio on its own network; put TLS in front for anything else), the body streamed
/// to a callback as it arrives, de-chunked. Anything unexpected is a ``CommandError``.
struct HTTPDownload {
    /// The answer's status and headers (names lowercased).
    struct Head {
        let status: Int
        let headers: [String: String]
    }

    let host: String
    let port: UInt16
    let target: String
    let headers: [(String, String)]

    /// Parses `http://host[:port]` and appends `target`.
    init(base: String, target: String, headers: [(String, String)]) throws(CommandError) {
        guard let url = URL(string: base), url.scheme == "http", let host = url.host, !host.isEmpty else {
            throw .usage("--url must be http://HOST[:PORT] (the CLI talks to the service directly), not \(base)")
        }
        self.host = host
        port = UInt16(url.port ?? 80)
        self.target = target
        self.headers = headers
    }

    /// Sends the request; `head` gets the status line and headers, `body` each piece of the body.
    /// Throws when the body ends early (a truncated stream, e.g. the server failed mid-way).
    func run(head: (Head) throws -> Void, body: ([UInt8]) throws -> Void) throws {
        let socket = try connect()
        defer { close(socket) }
        var request = "GET \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\nAccept-Encoding: identity\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        try send(Array(request.utf8), on: socket)

        var reader = SocketReader(socket: socket)
        let statusLine = try reader.line()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw CommandError.failed("the service answered something that is not HTTP: \(statusLine.prefix(80))")
        }
        var fields: [String: String] = [:]
        while true {
            let line = try reader.line()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        try head(Head(status: status, headers: fields))
        if fields["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                let sizeLine = try reader.line()
                guard let size = Int(sizeLine.split(separator: ";").first.map(String.init) ?? "", radix: 16) else {
                    throw CommandError.failed("the service sent a malformed chunk")
                }
                if size == 0 { break }
                var remaining = size
                while remaining > 0 {
                    let piece = try reader.bytes(upTo: remaining)
                    remaining -= piece.count
                    try body(piece)
                }
                guard try reader.line().isEmpty else { throw CommandError.failed("the service sent a malformed chunk") }
            }
        } else if let length = fields["content-length"].flatMap(Int.init) {
            var remaining = length
            while remaining > 0 {
                let piece = try reader.bytes(upTo: remaining)
                remaining -= piece.count
                try body(piece)
            }
        } else {
            while let piece = try reader.available() { try body(piece) }
        }
    }

    private func connect() throws(CommandError) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw .failed("cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            let fd = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            if fd >= 0 {
                if Glibc.connect(fd, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 { return fd }
                close(fd)
            }
            entry = current.pointee.ai_next
        }
        throw .failed("cannot connect to \(host):\(port) (is the service running?)")
    }

    private func send(_ bytes: [UInt8], on socket: Int32) throws(CommandError) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .failed("the connection to the service failed while sending") }
            sent += n
        }
    }
}

/// Buffered reads from a socket.
private struct SocketReader {
    let socket: Int32
    var buffer: [UInt8] = []
    var start = 0

    init(socket: Int32) { self.socket = socket }

    /// Reads more; false at the end of the stream.
    mutating func fill() throws(CommandError) -> Bool {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .failed("the connection to the service failed while reading") }
            if n == 0 { return false }
            buffer.append(contentsOf: chunk[..<n])
            return true
        }
    }

    /// One CRLF-terminated line, without its terminator.
    mutating func line() throws(CommandError) -> String {
        while true {
            if let end = buffer[start...].firstIndex(of: 0x0A) {
                var line = buffer[start..<end]
                if line.last == 0x0D { line = line.dropLast() }
                start = end + 1
                return String(decoding: line, as: UTF8.self)
            }
            guard try fill() else { throw .failed("the service closed the connection early: the export is incomplete") }
        }
    }

    /// Up to `count` bytes, at least one.
    mutating func bytes(upTo count: Int) throws(CommandError) -> [UInt8] {
        if start == buffer.count {
            guard try fill() else { throw .failed("the service closed the connection early: the export is incomplete") }
        }
        let end = min(buffer.count, start + count)
        defer { start = end }
        return Array(buffer[start..<end])
    }

    /// Whatever is buffered or arrives next; nil at the end.
    mutating func available() throws(CommandError) -> [UInt8]? {
        if start == buffer.count, try !fill() { return nil }
        defer { start = buffer.count }
        return Array(buffer[start...])
    }
}
