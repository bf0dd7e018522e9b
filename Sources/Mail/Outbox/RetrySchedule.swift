/// When to try a message again after a temporary failure: exponential back-off with a ceiling, and a limit.
///
/// Deterministic (no jitter), so tests can state exact times. Times are milliseconds.
public struct RetrySchedule: Sendable, Equatable {
    /// Wait after the first failed attempt.
    public var initialDelay: Int64
    /// Longest wait between attempts.
    public var maximumDelay: Int64
    /// Attempts after which a message that still fails temporarily is given up and moved to `failed/`.
    public var maximumAttempts: Int

    /// A schedule with the defaults: 1 minute, doubling up to 1 hour, 40 attempts (about a day and a half).
    public init(initialDelay: Int64 = 60_000, maximumDelay: Int64 = 3_600_000, maximumAttempts: Int = 40) {
        precondition(initialDelay > 0 && maximumDelay >= initialDelay && maximumAttempts > 0)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumAttempts = maximumAttempts
    }

    /// The wait after `attempts` failed attempts (1 or more): `initialDelay × 2^(attempts-1)`, at most
    /// `maximumDelay`.
    public func delay(afterAttempts attempts: Int) -> Int64 {
        precondition(attempts >= 1)
        var delay = initialDelay
        for _ in 1..<attempts {
            guard delay < maximumDelay else { break }
            delay = delay.multipliedReportingOverflow(by: 2).overflow ? maximumDelay : delay * 2
        }
        return min(delay, maximumDelay)
    }
}
