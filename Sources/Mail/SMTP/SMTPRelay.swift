/// Where and how to send mail: the relay's address, the envelope sender, and the timeouts and limits to use.
///
/// Built once from configuration and shared read-only.
public struct SMTPRelay: Sendable, Equatable {
    /// Host name or address of the relay (plain SMTP, no TLS; use a relay on the same host or network).
    public var host: String
    /// TCP port of the relay, usually 25 or 587.
    public var port: Int
    /// The envelope sender (`MAIL FROM`), where bounces go; a bare address such as `no-reply@example.com`.
    public var sender: String
    /// The name given in `EHLO`/`HELO`: a host name or an address literal such as `[127.0.0.1]`.
    public var clientName: String
    /// Timeouts of the connection.
    public var timeouts: SMTPTimeouts
    /// Limits on the server's replies.
    public var limits: SMTPClientLimits

    /// A relay with default timeouts and limits.
    public init(
        host: String, port: Int = 25, sender: String, clientName: String = "localhost",
        timeouts: SMTPTimeouts = SMTPTimeouts(), limits: SMTPClientLimits = SMTPClientLimits()
    ) {
        self.host = host
        self.port = port
        self.sender = sender
        self.clientName = clientName
        self.timeouts = timeouts
        self.limits = limits
    }
}

/// How long each step of a connection may go without progress.
public struct SMTPTimeouts: Sendable, Equatable {
    /// Establishing the TCP connection.
    public var connect: Duration
    /// The greeting or the reply to a command (RFC 5321 §4.5.3.2 suggests 5 minutes; a console wants less).
    public var command: Duration
    /// The reply after the final dot of DATA (RFC 5321 §4.5.3.2.6: 10 minutes).
    public var dataTermination: Duration
    /// Writing to a server that stopped reading.
    public var write: Duration

    /// Timeouts with the defaults shown.
    public init(
        connect: Duration = .seconds(10), command: Duration = .seconds(60), dataTermination: Duration = .seconds(600),
        write: Duration = .seconds(60)
    ) {
        self.connect = connect
        self.command = command
        self.dataTermination = dataTermination
        self.write = write
    }
}
