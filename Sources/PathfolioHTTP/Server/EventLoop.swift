import Foundation
import CEpoll
import Glibc
import Synchronization

/// The thread-safe face of one event-loop thread: other threads hand it jobs, which run on the loop thread
/// with the loop's confined ``EventLoopContext``. Everything mutable behind it is either in a `Mutex` or
/// owned by the loop thread, so the type is `Sendable` without `@unchecked`.
///
/// A job runs with `nil` when the loop has already stopped, so whoever waits on a continuation inside the
/// job is always resumed (with an error) rather than left hanging.
final class EventLoop: Sendable {
    typealias Job = @Sendable (EventLoopContext?) -> Void

    private struct Queue {
        var jobs: [Job] = []
        var stopped = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let epollFD: Int32
    let wakeFD: Int32
    private let queue = Mutex(Queue())

    init() throws(HTTPServerError) {
        let ep = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard ep >= 0 else { throw .system(call: "epoll_create1", errno: errno) }
        let wake = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wake >= 0 else {
            close(ep)
            throw .system(call: "eventfd", errno: errno)
        }
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: EventLoopContext.wakeToken))
        guard epoll_ctl(ep, EPOLL_CTL_ADD, wake, &event) == 0 else {
            close(ep)
            close(wake)
            throw .system(call: "epoll_ctl", errno: errno)
        }
        epollFD = ep
        wakeFD = wake
    }

    /// Runs `job` on the loop thread soon. Wakes the loop only when the queue was empty: the loop drains the
    /// whole queue on each wake-up, so one eventfd write per batch is enough.
    func execute(_ job: @escaping Job) {
        let (wake, runNow) = queue.withLock { q -> (Bool, Bool) in
            if q.stopped { return (false, true) }
            q.jobs.append(job)
            return (q.jobs.count == 1, false)
        }
        if runNow {
            job(nil)
        } else if wake {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    func takeJobs() -> [Job] {
        var drained: UInt64 = 0
        _ = read(wakeFD, &drained, 8)
        return queue.withLock { q in
            defer { q.jobs = [] }
            return q.jobs
        }
    }

    /// Called by the loop thread as it exits.
    func markStopped() {
        let (left, waiters) = queue.withLock { q in
            q.stopped = true
            defer {
                q.jobs = []
                q.stopWaiters = []
            }
            return (q.jobs, q.stopWaiters)
        }
        for job in left { job(nil) }
        close(epollFD)
        close(wakeFD)
        for waiter in waiters { waiter.resume() }
    }

    func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = queue.withLock { q in
                if q.stopped { return true }
                q.stopWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Starts the loop thread, which creates and owns its context.
    func start(server: ServerContext) {
        let thread = Thread { [self] in
            let context = EventLoopContext(loop: self, server: server)
            context.run()
            self.markStopped()
        }
        thread.name = "PathfolioHTTP event loop"
        thread.start()
    }
}
