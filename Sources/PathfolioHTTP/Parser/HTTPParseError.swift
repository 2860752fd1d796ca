/// Why a request was rejected by ``HTTPRequestParser``. Each case names one rule, so a test (or a log line)
/// says which rule a request broke; ``status`` is the response the server sends before it closes the connection.
///
/// After any of these the connection is closed: once framing is in doubt, nothing later on the connection can
/// be trusted (RFC 9112 §6.3, §11.2 — this is what stops request smuggling).
public enum HTTPParseError: Error, Hashable, Sendable {
    // Request line (RFC 9112 §3)
    case invalidRequestLine
    case invalidMethod
    case invalidTarget
    /// `*` is only allowed with OPTIONS (RFC 9112 §3.2.4).
    case asteriskFormWithoutOptions
    case invalidVersion
    case unsupportedVersion
    case requestLineTooLong

    // Line endings (RFC 9112 §2.2): only CRLF ends a line.
    case bareLineFeed
    case strayCarriageReturn

    // Field lines (RFC 9112 §5, RFC 9110 §5)
    case obsoleteLineFolding
    case invalidHeaderName
    case invalidHeaderValue
    case headerSectionTooLarge
    case tooManyHeaderFields
    case missingHost
    case multipleHost
    case invalidHost

    // Framing (RFC 9112 §6) — the smuggling rules.
    case contentLengthWithTransferEncoding
    case duplicateContentLength
    case invalidContentLength
    case invalidTransferEncoding
    case transferEncodingInHTTP10
    case unsupportedTransferCoding

    // Chunked coding (RFC 9112 §7.1)
    case invalidChunkSize
    case chunkSizeOverflow
    case invalidChunkFraming
    case invalidTrailer

    /// An `Expect` value other than `100-continue` (RFC 9110 §10.1.1).
    case unsupportedExpectation

    /// The status the server answers with.
    public var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .headerSectionTooLarge, .tooManyHeaderFields: .requestHeaderFieldsTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        // RFC 9112 §6.1: a transfer coding the server does not understand SHOULD get 501. It is a well-formed
        // request the server cannot serve, not a malformed one; malformed codings get 400.
        case .unsupportedTransferCoding: .notImplemented
        case .unsupportedExpectation: .expectationFailed
        default: .badRequest
        }
    }

    /// A short, human sentence for the plain error body.
    public var reason: String {
        switch self {
        case .invalidRequestLine: "The request line is malformed."
        case .invalidMethod: "The method is not a valid token."
        case .invalidTarget: "The request target is malformed."
        case .asteriskFormWithoutOptions: "The asterisk target is only allowed with OPTIONS."
        case .invalidVersion: "The HTTP version is malformed."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .requestLineTooLong: "The request line is too long."
        case .bareLineFeed: "Lines must end with CRLF."
        case .strayCarriageReturn: "A carriage return appeared outside a line ending."
        case .obsoleteLineFolding: "Folded header lines are not accepted."
        case .invalidHeaderName: "A header field name is malformed."
        case .invalidHeaderValue: "A header field value contains invalid characters."
        case .headerSectionTooLarge: "The header section is too large."
        case .tooManyHeaderFields: "There are too many header fields."
        case .missingHost: "HTTP/1.1 requests must carry a Host header."
        case .multipleHost: "Only one Host header is allowed."
        case .invalidHost: "The Host header is malformed."
        case .contentLengthWithTransferEncoding: "Content-Length and Transfer-Encoding must not both be sent."
        case .duplicateContentLength: "Only one Content-Length is allowed."
        case .invalidContentLength: "The Content-Length is malformed."
        case .invalidTransferEncoding: "The Transfer-Encoding is malformed."
        case .transferEncodingInHTTP10: "Transfer-Encoding is not allowed in HTTP/1.0 requests."
        case .unsupportedTransferCoding: "Only the chunked transfer coding is supported."
        case .invalidChunkSize: "A chunk size is malformed."
        case .chunkSizeOverflow: "A chunk size is too large."
        case .invalidChunkFraming: "The chunked body is malformed."
        case .invalidTrailer: "A trailer field is malformed."
        case .unsupportedExpectation: "Only the 100-continue expectation is supported."
        }
    }
}
