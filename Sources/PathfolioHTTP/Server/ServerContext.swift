import Glibc
import Synchronization

/// What every event loop of one server shares. Immutable apart from two atomics, hence plainly `Sendable`.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let listenFD: Int32
    /// Open connections across all loops, against `maxConnections`.
    let openConnections = Atomic<Int>(0)
    /// Loops still watching the listening socket; the last one to let go closes it.
    let listenerHolders: Atomic<Int>

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, listenFD: Int32, loops: Int) {
        self.configuration = configuration
        self.responder = responder
        self.listenFD = listenFD
        self.listenerHolders = Atomic(loops)
    }

    func releaseListener() {
        if listenerHolders.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
            close(listenFD)
        }
    }
}
