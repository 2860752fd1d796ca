/// Renders the body of responses the server produces itself (400, 408, 413, 414, 431, 503, 505 …) and the
/// router's 404/405. The default is a one-line plain text; an API layer can answer RFC 9457 problem+json.
///
/// It may run on an event-loop thread: keep it fast and non-blocking.
public struct HTTPErrorRenderer: Sendable {
    public typealias Render = @Sendable (_ status: HTTPStatus, _ detail: String) -> (contentType: String, body: [UInt8])

    public let render: Render

    public init(_ render: @escaping Render) { self.render = render }

    /// `404 Not Found: detail` as text/plain.
    public static let plainText = HTTPErrorRenderer { status, detail in
        ("text/plain; charset=utf-8", Array("\(status.code) \(status.reasonPhrase): \(detail)\n".utf8))
    }

    /// A complete response for `status`.
    public func response(_ status: HTTPStatus, detail: String) -> HTTPResponse {
        let (contentType, body) = render(status, detail)
        return HTTPResponse(status: status, headers: ["Content-Type": contentType], body: .bytes(body))
    }
}
