import Glibc

/// The one wrapper through which Mail makes system calls that report failure as -1 and `errno`.
enum SystemCall {
    /// Runs `body`, retrying while it fails with `EINTR`.
    ///
    /// - Returns: the call's result, or `nil` when it failed with `EAGAIN`/`EWOULDBLOCK` (the caller polls) or,
    ///   when `isInProgressExpected`, with `EINPROGRESS` (a non-blocking `connect`).
    /// - Throws: `SMTPError.systemCall` naming the call and carrying `errno` for any other failure.
    @discardableResult
    static func run<Result: FixedWidthInteger>(
        _ name: String, isInProgressExpected: Bool = false, _ body: () -> Result
    ) throws(SMTPError) -> Result? {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return nil
            case EINPROGRESS where isInProgressExpected: return nil
            default: throw .systemCall(name: name, errno: code)
            }
        }
    }

    /// Waits until `fd` is ready for `events` (`POLLIN` or `POLLOUT`) or `timeout` passes.
    ///
    /// - Throws: `SMTPError.timedOut(operation:)` when the time passes first; `SMTPError.systemCall` if `poll` fails.
    static func wait(_ fd: Int32, for events: Int32, timeout: Duration, operation: String) throws(SMTPError) {
        let milliseconds = Int32(
            clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var descriptor = pollfd(fd: fd, events: Int16(events), revents: 0)
        // An interrupted poll restarts with the whole timeout: a timeout bounds a wait without progress.
        let ready = try run("poll") { poll(&descriptor, 1, milliseconds) }
        if ready == 0 { throw .timedOut(operation: operation) }
    }
}
