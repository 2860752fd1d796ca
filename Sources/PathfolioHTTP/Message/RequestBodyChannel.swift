import Synchronization

/// The hand-off between the event loop (producer) and a handler reading a request body (consumer).
///
/// Backpressure: once more than `highWater` bytes wait unread, ``push(_:)`` answers false and the loop stops
/// reading the socket; when the consumer drains below half of it, `resumeProducer` asks the loop to read again.
/// So an upload of any size holds at most about `highWater` bytes plus one socket read in memory.
final class RequestBodyChannel: Sendable {
    private struct State {
        var chunks: [[UInt8]] = []
        var head = 0
        var buffered = 0
        var finished = false
        var failure: HTTPBodyError?
        var cancelled = false
        var producerPaused = false
        var waiter: CheckedContinuation<[UInt8]?, any Error>?
    }

    private let state = Mutex(State())
    private let highWater: Int
    private let resumeProducer: @Sendable () -> Void

    init(highWater: Int = 256 * 1024, resumeProducer: @escaping @Sendable () -> Void) {
        self.highWater = highWater
        self.resumeProducer = resumeProducer
    }

    /// A channel already holding the whole body (for tests and in-process calls).
    static func complete(_ bytes: [UInt8]) -> RequestBodyChannel {
        let channel = RequestBodyChannel(resumeProducer: {})
        if !bytes.isEmpty { _ = channel.push(bytes) }
        channel.finish()
        return channel
    }

    /// Loop side. Returns false when the producer should pause reading.
    func push(_ bytes: [UInt8]) -> Bool {
        let (waiter, keepReading): (CheckedContinuation<[UInt8]?, any Error>?, Bool) = state.withLock { s in
            if s.finished || s.failure != nil { return (nil, true) }
            if let w = s.waiter {
                s.waiter = nil
                return (w, true)
            }
            s.chunks.append(bytes)
            s.buffered += bytes.count
            if s.buffered > highWater {
                s.producerPaused = true
                return (nil, false)
            }
            return (nil, true)
        }
        waiter?.resume(returning: bytes)
        return keepReading
    }

    func finish() {
        let waiter = state.withLock { s -> CheckedContinuation<[UInt8]?, any Error>? in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(returning: nil)
    }

    func fail(_ error: HTTPBodyError) {
        let waiter = state.withLock { s -> CheckedContinuation<[UInt8]?, any Error>? in
            guard !s.finished, s.failure == nil else { return nil }
            s.failure = error
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(throwing: error)
    }

    var isComplete: Bool { state.withLock { $0.finished } }

    /// Consumer side: the next chunk, nil at the end.
    func next() async throws -> [UInt8]? {
        if let ready = try takeBuffered() { return ready.chunk }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8]?, any Error>) in
                enum Outcome { case wait, chunk([UInt8]?, resume: Bool), error(any Error) }
                let outcome: Outcome = state.withLock { s in
                    if s.cancelled { return .error(CancellationError()) }
                    if s.head < s.chunks.count { return takeLocked(&s) }
                    if let failure = s.failure { return .error(failure) }
                    if s.finished { return .chunk(nil, resume: false) }
                    s.waiter = continuation
                    return .wait
                }
                func takeLocked(_ s: inout State) -> Outcome {
                    let (chunk, resume) = Self.dequeue(&s, highWater: highWater)
                    return .chunk(chunk, resume: resume)
                }
                switch outcome {
                case .wait: break
                case .chunk(let chunk, let resume):
                    if resume { resumeProducer() }
                    continuation.resume(returning: chunk)
                case .error(let error): continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<[UInt8]?, any Error>? in
                s.cancelled = true
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func takeBuffered() throws -> (chunk: [UInt8]?, Void)? {
        let result: (chunk: [UInt8]?, resume: Bool)? = try state.withLock { s in
            if s.head < s.chunks.count {
                let (chunk, resume) = Self.dequeue(&s, highWater: highWater)
                return (chunk, resume)
            }
            if let failure = s.failure { throw failure }
            if s.finished { return (nil, false) }
            return nil
        }
        guard let result else { return nil }
        if result.resume { resumeProducer() }
        return (result.chunk, ())
    }

    private static func dequeue(_ s: inout State, highWater: Int) -> ([UInt8], Bool) {
        let chunk = s.chunks[s.head]
        s.head += 1
        if s.head == s.chunks.count {
            s.chunks.removeAll(keepingCapacity: false)
            s.head = 0
        }
        s.buffered -= chunk.count
        var resume = false
        if s.producerPaused, s.buffered <= highWater / 2 {
            s.producerPaused = false
            resume = true
        }
        return (chunk, resume)
    }
}
