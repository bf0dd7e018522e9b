import Glibc

/// What can go wrong talking to an SMTP relay, below the level of a per-message reply.
///
/// Replies the server sends on purpose (4xx, 5xx) are not errors: they become `SMTPDeliveryResult`s. These are
/// failures of the conversation or the connection, and every message not yet answered is retried later.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A reply line without three digits and a separator, or with a code differing from its first line.
    case malformedReply(line: String)
    /// A reply line longer than `SMTPClientLimits.maxReplyLineLength` bytes.
    case replyLineTooLong(limit: Int)
    /// A multi-line reply with more than `SMTPClientLimits.maxReplyLines` lines.
    case tooManyReplyLines(limit: Int)
    /// An address holding characters that cannot go into `MAIL FROM:<…>` or `RCPT TO:<…>`.
    case invalidAddress(String)
    /// The host name did not resolve; `detail` is the resolver's message.
    case unresolvedHost(host: String, detail: String)
    /// No address of the relay accepted a connection; `errno` is from the last attempt (e.g. `ECONNREFUSED`).
    case connectFailed(host: String, port: Int, errno: Int32)
    /// An operation did not finish within its timeout.
    case timedOut(operation: String)
    /// The server closed the connection while a reply was awaited.
    case closedByServer
    /// A system call failed; `errno` says why.
    case systemCall(name: String, errno: Int32)

    public var description: String {
        switch self {
        case .malformedReply(let line): "malformed SMTP reply: \(line)"
        case .replyLineTooLong(let limit): "SMTP reply line longer than \(limit) bytes"
        case .tooManyReplyLines(let limit): "SMTP reply with more than \(limit) lines"
        case .invalidAddress(let address): "invalid address for SMTP: \(address)"
        case .unresolvedHost(let host, let detail): "cannot resolve \(host): \(detail)"
        case .connectFailed(let host, let port, let code): "cannot connect to \(host):\(port): \(Self.message(code))"
        case .timedOut(let operation): "SMTP \(operation) timed out"
        case .closedByServer: "the SMTP server closed the connection"
        case .systemCall(let name, let code): "\(name) failed: \(Self.message(code))"
        }
    }

    private static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return "\(String(cString: text)) (errno \(code))"
    }
}
