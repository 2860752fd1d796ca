import Foundation
import Synchronization

/// A serial executor backed by one dedicated OS thread.
///
/// libpq's calls block (network round trips). A `PostgresConnection` actor runs on one of
/// these, so its blocking calls occupy a thread this layer owns and never one of Swift's
/// cooperative pool, and its `PGconn` is only ever touched by that one thread.
final class ConnectionThread: SerialExecutor, TaskExecutor {
    private struct Queue {
        var jobs: [UnownedJob] = []
        var head = 0
        var stopping = false
    }

    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)

    init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        // Callers' transaction bodies run here too (`withConnection`): give them a normal stack.
        thread.stackSize = 8 << 20
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.jobs.append(job) }
        wakeUp.signal()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    /// Lets the thread finish once the jobs already queued have run.
    func stop() {
        queue.withLock { $0.stopping = true }
        wakeUp.signal()
    }

    private func run() {
        while true {
            wakeUp.wait()
            let next: UnownedJob?? = queue.withLock { state in
                if state.head < state.jobs.count {
                    let job = state.jobs[state.head]
                    state.head += 1
                    if state.head == state.jobs.count {
                        state.jobs.removeAll(keepingCapacity: true)
                        state.head = 0
                    }
                    return .some(job)
                }
                return state.stopping ? .none : .some(nil)
            }
            switch next {
            case .none: return
            case .some(.none): continue
            case .some(.some(let job)):
                // Jobs come from the connection actor and from tasks that prefer this thread
                // (`PostgresPool.withConnection`); both run here, one at a time.
                job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
            }
        }
    }
}
