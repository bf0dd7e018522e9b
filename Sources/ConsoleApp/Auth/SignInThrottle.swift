import Synchronization

/// Slows down password guessing: after `freeFailures` failed sign-ins for one account, or from one client
/// address, each further attempt must wait, the wait doubling with every failure up to `maximumDelay`.
///
/// Time is injected (milliseconds), so the policy is tested without sleeping.
final class SignInThrottle: Sendable {
    struct Policy: Sendable {
        /// Failures allowed before any delay.
        var freeFailures = 5
        /// The first delay, in milliseconds, doubled per further failure.
        var baseDelay: Int64 = 1_000
        /// The longest delay, in milliseconds.
        var maximumDelay: Int64 = 15 * 60 * 1_000
        /// Failures older than this (milliseconds) are forgotten.
        var window: Int64 = 60 * 60 * 1_000
    }

    private struct Record {
        var failures = 0
        var lastFailure: Int64 = 0
    }

    private let policy: Policy
    private let records = Mutex<[String: Record]>([:])

    init(policy: Policy = Policy()) { self.policy = policy }

    /// Milliseconds the caller must still wait before trying `account` from `address`; 0 when free to try.
    func waitTime(account: String, address: String, now: Int64) -> Int64 {
        records.withLock { records in
            max(delay(records["account:" + account], now: now), delay(records["address:" + address], now: now))
        }
    }

    func recordFailure(account: String, address: String, now: Int64) {
        records.withLock { records in
            for key in ["account:" + account, "address:" + address] {
                var record = records[key] ?? Record()
                if now - record.lastFailure > policy.window { record.failures = 0 }
                record.failures += 1
                record.lastFailure = now
                records[key] = record
            }
            if records.count > 100_000 {
                records = records.filter { now - $0.value.lastFailure <= policy.window }
            }
        }
    }

    func recordSuccess(account: String, address: String) {
        _ = records.withLock { $0.removeValue(forKey: "account:" + account) }
    }

    private func delay(_ record: Record?, now: Int64) -> Int64 {
        guard let record, record.failures >= policy.freeFailures, now - record.lastFailure <= policy.window else {
            return 0
        }
        let exponent = min(record.failures - policy.freeFailures, 20)
        let delay = min(policy.baseDelay << Int64(exponent), policy.maximumDelay)
        return max(0, record.lastFailure + delay - now)
    }
}
