/// A response body: bytes known up front, or a stream produced while it is sent.
public struct HTTPResponseBody: Sendable {
    enum Storage: Sendable {
        case bytes([UInt8])
        case stream(@Sendable (HTTPBodyWriter) async throws -> Void)
    }

    let storage: Storage

    public static let empty = HTTPResponseBody(storage: .bytes([]))

    public static func bytes(_ bytes: [UInt8]) -> HTTPResponseBody { HTTPResponseBody(storage: .bytes(bytes)) }

    public init(string: String) { storage = .bytes(Array(string.utf8)) }

    init(storage: Storage) { self.storage = storage }

    /// A body written piece by piece with chunked coding. Each `write` waits while the client is slower than
    /// the producer (backpressure), so a large export runs in flat memory. Throwing from `produce` aborts the
    /// connection without the final chunk, so the client sees a truncated body rather than a complete one.
    public static func stream(_ produce: @escaping @Sendable (HTTPBodyWriter) async throws -> Void) -> HTTPResponseBody {
        HTTPResponseBody(storage: .stream(produce))
    }

    /// The bytes, if this is not a stream.
    public var bytes: [UInt8]? {
        if case .bytes(let b) = storage { return b }
        return nil
    }
}
