import Foundation

/// Samples a process's resident set size (`VmRSS` of /proc/PID/status) on its own thread every
/// few milliseconds while something else runs, and keeps the peak.
final class PeakMemory: @unchecked Sendable {
    private let pid: Int32
    private let lock = NSLock()
    private var peakKiB = 0
    private var running = true

    init(pid: Int32) { self.pid = pid }

    /// The process's resident set now, in KiB.
    static func residentKiB(of pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }

    /// Runs `body` while sampling; answers its result and the peak in KiB.
    func measure<T>(_ body: () throws -> T) rethrows -> (T, peakKiB: Int) {
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                let now = PeakMemory.residentKiB(of: pid)
                lock.withLock { peakKiB = max(peakKiB, now) }
                usleep(5_000)
            }
        }
        thread.start()
        defer { lock.withLock { running = false } }
        let value = try body()
        lock.withLock { running = false }
        usleep(10_000)
        return (value, lock.withLock { peakKiB })
    }
}
