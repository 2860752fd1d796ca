import Glibc

/// Nanoseconds on CLOCK_MONOTONIC: deadlines must not move when the wall clock does.
enum MonotonicClock {
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

extension Duration {
    var nanoseconds: UInt64 {
        let (s, atto) = components
        guard s >= 0 else { return 0 }
        return UInt64(s) * 1_000_000_000 + UInt64(atto / 1_000_000_000)
    }
}
