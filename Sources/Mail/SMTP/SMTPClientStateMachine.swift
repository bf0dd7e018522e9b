/// The client side of one SMTP connection (RFC 5321) as a pure state machine: it is fed the server's bytes and
/// returns actions for a transport to execute; it never touches a socket or a clock.
///
/// The dialogue: greeting → `EHLO` (falling back to `HELO` when `EHLO` gets 5xx) → for each envelope `MAIL FROM`,
/// `RCPT TO` for every recipient, `DATA`, the dot-stuffed content ending in CRLF.CRLF → next envelope, with `RSET`
/// after a transaction the server refused midway → `QUIT`. One command is in flight at a time (no pipelining).
///
/// Every envelope gets exactly one `.deliver` action: accepted (2xx after the final dot), temporary failure (4xx,
/// or the conversation broke before the answer), or permanent failure (5xx). A message whose final dot was sent
/// but whose reply never came is reported as a temporary failure, so callers retrying it deliver at least once.
/// Owned by one thread.
public struct SMTPClientStateMachine: Sendable {
    /// What the transport must do next, in order.
    public enum Action: Sendable, Equatable {
        /// Write these bytes to the server.
        case send([UInt8])
        /// Read from the server and call `received(_:)`; the wait tells which timeout applies.
        case awaitReply(SMTPReplyWait)
        /// Report the result of envelope `index` (a position in the `envelopes` given to `init`).
        case deliver(index: Int, result: SMTPDeliveryResult)
        /// Close the connection; the machine is done.
        case close
    }

    /// Which reply the machine awaits: the greeting, the answer to the command named, or none (`closed`).
    enum State: Sendable, Equatable {
        case greeting
        case ehlo
        case helo
        case mailFrom
        case recipient(Int)
        case data
        case content
        case reset
        case quit
        case closed
    }

    /// Where the dialogue stands.
    var state: State = .greeting
    /// Splits the server's bytes into replies.
    var parser: SMTPReplyParser
    /// The name given in `EHLO`/`HELO`.
    let clientName: String
    /// The messages to send, in order.
    let envelopes: [SMTPEnvelope]
    /// The envelope being sent; every envelope before it has had its `.deliver`.
    var current = 0

    /// A machine that will send `envelopes` in order, greeting the server as `clientName` (a host name or
    /// address literal such as `[127.0.0.1]`, RFC 5321 §4.1.1.1).
    public init(clientName: String, envelopes: [SMTPEnvelope], limits: SMTPClientLimits = SMTPClientLimits()) {
        precondition(!clientName.utf8.contains { $0 <= 0x20 || $0 >= 0x7F }, "client name must be printable ASCII")
        self.clientName = clientName
        self.envelopes = envelopes
        self.parser = SMTPReplyParser(limits: limits)
    }

    /// Whether the machine has nothing more to do.
    public var isFinished: Bool { state == .closed }

    /// The first actions once connected: wait for the server's greeting.
    public func start() -> [Action] {
        precondition(state == .greeting, "start() is called once, before anything is received")
        return [.awaitReply(.command)]
    }

    /// Feeds bytes read from the server; returns what to do next (ending in `.awaitReply` or `.close`).
    ///
    /// A malformed or oversized reply (see `SMTPReplyParser`) ends the conversation like a broken connection.
    public mutating func received(_ bytes: some Sequence<UInt8>) -> [Action] {
        guard state != .closed else { return [] }
        parser.append(bytes)
        var actions: [Action] = []
        while state != .closed {
            let reply: SMTPReply?
            do {
                reply = try parser.next()
            } catch {
                return actions + connectionFailed(reason: error.description)
            }
            guard let reply else { break }
            actions += handle(reply)
        }
        if state != .closed { actions.append(.awaitReply(state == .content ? .dataTermination : .command)) }
        return actions
    }

    /// The connection broke (closed, timed out, refused): every envelope not yet answered fails temporarily
    /// with `reason`. After `QUIT` was sent this is the normal end and reports nothing.
    public mutating func connectionFailed(reason: String) -> [Action] {
        guard state != .closed else { return [] }
        let actions = state == .quit ? [] : failRemaining(.temporaryFailure(reason: reason))
        state = .closed
        return actions + [.close]
    }
}

/// Which reply a transport waits for; RFC 5321 §4.5.3.2 gives the final dot a longer timeout than commands.
public enum SMTPReplyWait: Sendable, Equatable {
    /// The greeting or the reply to a command.
    case command
    /// The reply after the final dot of `DATA`, when the server may be checking the whole message.
    case dataTermination
}
