#if canImport(Glibc)
    import Glibc
#endif

/// The two clocks an event loop reads, once per iteration: monotonic time for deadlines and wall time for `Date`.
enum MonotonicClock {
    /// Time since an arbitrary fixed origin (`CLOCK_MONOTONIC`), unaffected by wall-clock changes.
    static func now() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    static func epochSeconds() -> Int {
        Int(time(nil))
    }
}

extension Duration {
    /// Whole milliseconds, rounded up, for epoll timeouts.
    var millisecondsRoundedUp: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }

    /// Milliseconds as a fraction, for logs.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
