/// How a request body is delimited (RFC 9112 §6.3).
public enum HTTPBodyFraming: Hashable, Sendable {
    case none
    case length(Int)
    case chunked
}
