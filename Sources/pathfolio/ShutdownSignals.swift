import Dispatch
import Glibc

/// Turns SIGTERM and SIGINT into one call of `shutdown`. The signals' default action is
/// ignored and they are observed on a dispatch queue: a C signal handler may not call Swift.
final class ShutdownSignals {
    private let sources: [any DispatchSourceSignal]

    init(shutdown: @escaping @Sendable () async -> Void) {
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { Task { await shutdown() } }
            source.resume()
            return source
        }
    }

    func cancel() {
        sources.forEach { $0.cancel() }
    }
}
