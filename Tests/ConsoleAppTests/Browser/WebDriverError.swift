/// What can go wrong while ``WebDriverClient`` drives a browser.
enum WebDriverError: Error, CustomStringConvertible {
    /// The driver refused a command; `code` is the W3C error code (`no such element`, `stale element reference`,
    /// `timeout`, ...), `message` its first line, `command` the method and path sent.
    case command(code: String, message: String, httpStatus: Int, command: String)
    /// The HTTP exchange with the driver failed (it died, or did not answer within the socket timeout).
    case transport(LoopbackHTTPError, command: String)
    /// The driver answered something that is not the JSON the protocol promises.
    case malformedResponse(reason: String, command: String)
    /// ``WebDriverClient/waitUntil(_:timeout:poll:_:)`` gave up; `lastError` is what the condition last threw.
    case timedOut(waitingFor: String, after: Duration, lastError: String?)

    /// The W3C error code when the driver refused a command, else nil.
    var code: String? {
        if case .command(let code, _, _, _) = self { return code }
        return nil
    }

    var description: String {
        switch self {
        case .command(let code, let message, let status, let command):
            return "WebDriver \(command) failed with \(code) (HTTP \(status)): \(message)"
        case .transport(let error, let command):
            return "WebDriver \(command) failed: \(error)"
        case .malformedResponse(let reason, let command):
            return "WebDriver \(command) answered unexpectedly: \(reason)"
        case .timedOut(let what, let after, let lastError):
            return "timed out after \(after) waiting for \(what)" + (lastError.map { "; last error: \($0)" } ?? "")
        }
    }
}
