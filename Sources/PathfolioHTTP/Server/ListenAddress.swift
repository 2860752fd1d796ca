import Glibc

/// A numeric address and port to listen on: `127.0.0.1:8080`, `[::1]:8080`, `0.0.0.0:80`, `:8080` (all IPv4
/// interfaces), or `localhost:8080` (the IPv4 loopback). Names other than `localhost` are not resolved:
/// a server should not depend on DNS to start.
public struct ListenAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    /// 0 asks the kernel for an ephemeral port; read it back from ``HTTPServer/localPort``.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` or `[v6]:port`.
    public init(parsing text: String) throws(HTTPServerError) {
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw .invalidAddress(text)
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon else { throw .invalidAddress(text) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if host.isEmpty { host = "0.0.0.0" }
        guard let port = Int(portText), (0...65535).contains(port) else { throw .invalidAddress(text) }
        self.init(host: String(host), port: port)
        _ = try socketAddress()
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    enum Resolved {
        case v4(sockaddr_in)
        case v6(sockaddr_in6)
    }

    func socketAddress() throws(HTTPServerError) -> Resolved {
        guard (0...65535).contains(port) else { throw .invalidAddress(description) }
        let name = host == "localhost" ? "127.0.0.1" : host
        var v4 = sockaddr_in()
        v4.sin_family = sa_family_t(AF_INET)
        v4.sin_port = UInt16(port).bigEndian
        if inet_pton(AF_INET, name, &v4.sin_addr) == 1 { return .v4(v4) }
        var v6 = sockaddr_in6()
        v6.sin6_family = sa_family_t(AF_INET6)
        v6.sin6_port = UInt16(port).bigEndian
        if inet_pton(AF_INET6, name, &v6.sin6_addr) == 1 { return .v6(v6) }
        throw .invalidAddress(description)
    }
}
