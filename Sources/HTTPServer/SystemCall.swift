#if canImport(Glibc)
    import Glibc
#endif

/// A failed system call: which one, and its `errno`.
public struct SystemError: Error, Equatable, CustomStringConvertible {
    /// The name of the call, e.g. `"bind"`.
    public let function: String
    /// The `errno` it left.
    public let errno: Int32

    public var description: String { "\(function): \(String(cString: strerror(errno))) (errno \(errno))" }
}

/// The result of a non-blocking call: done with a value, or it would have blocked (`EAGAIN`).
enum IOResult<Value: Equatable>: Equatable {
    case done(Value)
    case wouldBlock
}

/// Runs a system call that returns -1 on failure: retries `EINTR`, maps `EAGAIN`/`EWOULDBLOCK` to `.wouldBlock`, and
/// throws any other `errno` as `SystemError`. The one wrapper every socket call goes through.
@inline(__always)
func systemCall<Result: FixedWidthInteger>(
    _ function: @autoclosure () -> String, _ body: () -> Result
) throws(SystemError) -> IOResult<Result> {
    while true {
        let result = body()
        if result != -1 { return .done(result) }
        let code = Glibc.errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
        throw SystemError(function: function(), errno: code)
    }
}

/// `systemCall` for calls that never return `EAGAIN` (socket set-up, epoll control): the value or a thrown error.
@inline(__always)
func blockingCall<Result: FixedWidthInteger>(
    _ function: @autoclosure () -> String, _ body: () -> Result
) throws(SystemError) -> Result {
    switch try systemCall(function(), body) {
    case .done(let value): return value
    case .wouldBlock: throw SystemError(function: function(), errno: EAGAIN)
    }
}
