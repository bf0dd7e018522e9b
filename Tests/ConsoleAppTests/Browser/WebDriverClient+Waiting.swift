import Foundation

extension WebDriverClient {
    /// Polls `condition` every `poll` until it returns true, or throws after `timeout`.
    ///
    /// Errors thrown by `condition` (such as `no such element` while a page loads) count as "not yet"; the last
    /// one is quoted in the timeout error.
    ///
    /// - Throws: ``WebDriverError/timedOut(waitingFor:after:lastError:)`` naming `description`.
    func waitUntil(
        _ description: String, timeout: Duration = .seconds(10), poll: Duration = .milliseconds(100),
        _ condition: () throws -> Bool
    ) throws(WebDriverError) {
        _ = try waitFor(description, timeout: timeout, poll: poll) { try condition() ? true : nil }
    }

    /// Polls `value` every `poll` until it returns non-nil and returns that, or throws after `timeout`.
    ///
    /// - Throws: ``WebDriverError/timedOut(waitingFor:after:lastError:)`` naming `description`.
    func waitFor<T>(
        _ description: String, timeout: Duration = .seconds(10), poll: Duration = .milliseconds(100),
        _ value: () throws -> T?
    ) throws(WebDriverError) -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var lastError: String?
        while true {
            do {
                if let result = try value() { return result }
                lastError = nil
            } catch {
                lastError = String(describing: error)
            }
            guard clock.now < deadline else {
                throw .timedOut(waitingFor: description, after: timeout, lastError: lastError)
            }
            Thread.sleep(forTimeInterval: Double(poll.components.attoseconds) / 1e18 + Double(poll.components.seconds))
        }
    }
}
