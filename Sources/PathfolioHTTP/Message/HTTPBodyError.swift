/// Why reading a request body (or writing a response body) failed.
public enum HTTPBodyError: Error, Hashable, Sendable {
    /// The body is larger than the route accepts; the server answers 413 and closes.
    case tooLarge(limit: Int)
    /// The client went away, or the server is closing the connection.
    case connectionClosed
    /// The bytes after the head were malformed (e.g. bad chunk framing); the server answered 400.
    case malformed(HTTPParseError)
}
