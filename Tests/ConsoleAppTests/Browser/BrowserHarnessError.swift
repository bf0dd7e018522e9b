import Glibc

/// What can stop ``BrowserHarness`` from giving a test a browser.
enum BrowserHarnessError: Error, CustomStringConvertible {
    /// `chromium` or `chromedriver` is missing where the tests must run (CI).
    case toolsMissing(reason: String)
    /// No loopback port could be reserved for chromedriver.
    case noFreePort(LoopbackHTTPError)
    /// The chromedriver process could not be started; `errno` is `posix_spawn`'s result.
    case spawnFailed(executable: String, errno: Int32)
    /// chromedriver did not answer `/status` as ready in time; `log` is the end of its output.
    case driverNotReady(after: Duration, log: String)
    /// chromedriver was ready but could not open a browser session; `log` is the end of its output.
    case sessionNotCreated(WebDriverError, log: String)
    /// The test used its browser longer than `limit`, so the watchdog killed chromedriver and the browser.
    case sessionTimedOut(limit: Duration)
    /// A file-system step (temporary folders, screenshots) failed.
    case fileSystem(operation: String, path: String, reason: String)

    var description: String {
        switch self {
        case .toolsMissing(let reason):
            return reason
        case .noFreePort(let error):
            return "cannot find a free loopback port: \(error)"
        case .spawnFailed(let executable, let code):
            return "cannot start \(executable): \(String(cString: strerror(code)))"
        case .driverNotReady(let after, let log):
            return "chromedriver not ready after \(after); its output ends with:\n\(log)"
        case .sessionNotCreated(let error, let log):
            return "no browser session: \(error); chromedriver's output ends with:\n\(log)"
        case .sessionTimedOut(let limit):
            return "the browser session ran past its time limit of \(limit); chromedriver and the browser were killed"
        case .fileSystem(let operation, let path, let reason):
            return "\(operation) \(path) failed: \(reason)"
        }
    }
}
