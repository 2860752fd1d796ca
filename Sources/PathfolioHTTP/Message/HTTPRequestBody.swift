/// A request body, delivered as it arrives: an `AsyncSequence` of byte chunks with backpressure.
///
/// Read it once. For small bodies use ``collect(upTo:)``; for uploads iterate and write each chunk onward,
/// which keeps memory flat whatever the size. The server has already enforced the route's body limit.
public struct HTTPRequestBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    let channel: RequestBodyChannel?

    init(channel: RequestBodyChannel?) { self.channel = channel }

    /// An empty body.
    public static let empty = HTTPRequestBody(channel: nil)

    /// A body holding these bytes (for calling handlers in tests).
    public init(bytes: [UInt8]) { channel = bytes.isEmpty ? nil : .complete(bytes) }

    public init(_ string: String) { self.init(bytes: Array(string.utf8)) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let channel: RequestBodyChannel?

        public mutating func next() async throws -> [UInt8]? {
            guard let channel else { return nil }
            return try await channel.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(channel: channel) }

    /// Reads the whole body into memory, throwing ``HTTPBodyError/tooLarge(limit:)`` beyond `limit` bytes.
    public func collect(upTo limit: Int = 1 << 20) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self {
            if bytes.count + chunk.count > limit { throw HTTPBodyError.tooLarge(limit: limit) }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}
