import Glibc

/// What can go wrong while ``LoopbackHTTPClient`` talks to a loopback server.
///
/// Every case names the failing step so a test failure reads as a diagnosis, not a symptom.
enum LoopbackHTTPError: Error, Equatable, CustomStringConvertible {
    /// A system call failed; `operation` is its name and `errno` the error it set.
    case socket(operation: String, errno: Int32)
    /// No byte arrived within the receive timeout; `received` bytes of the response had arrived before.
    case timedOut(after: Duration, received: Int)
    /// The server closed the connection before a whole response arrived.
    case connectionClosed(received: Int)
    /// The response does not follow RFC 9112; `offset` is the byte where parsing gave up.
    case malformedResponse(reason: String, offset: Int)
    /// ``LoopbackHTTPClient/follow(_:)`` was given a response that is not a redirect with a `Location`.
    case notARedirect(status: Int)

    var description: String {
        switch self {
        case .socket(let operation, let code):
            return "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .timedOut(let after, let received):
            return "no response byte within \(after) (\(received) bytes received before)"
        case .connectionClosed(let received):
            return "connection closed after \(received) bytes, before the response was complete"
        case .malformedResponse(let reason, let offset):
            return "malformed response at byte \(offset): \(reason)"
        case .notARedirect(let status):
            return "status \(status) is not a redirect with a Location header"
        }
    }
}
