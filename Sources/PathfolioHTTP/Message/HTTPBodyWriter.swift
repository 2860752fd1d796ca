/// Writes parts of a streamed response body.
public struct HTTPBodyWriter: Sendable {
    let send: @Sendable ([UInt8]) async throws -> Void

    public init(_ send: @escaping @Sendable ([UInt8]) async throws -> Void) { self.send = send }

    /// Sends bytes; returns when the server can take more. Throws ``HTTPBodyError/connectionClosed`` if the
    /// client went away, so the producer can stop.
    public func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await send(bytes)
    }

    public func write(_ string: String) async throws { try await write(Array(string.utf8)) }
}
