/// One message of the outbox as an Outbox page shows it, read from its header section only.
public struct OutboxEntry: Sendable, Equatable {
    /// Where a message stands.
    public enum State: Sendable, Equatable {
        /// Waiting in the outbox: never tried (`attempts` 0), or tried and due again at `nextAttempt`.
        case queued(attempts: Int, nextAttempt: Int64?, lastError: String?)
        /// Accepted by the relay.
        case sent
        /// Refused for good or given up; `reason` is the relay's reply or why it was given up.
        case failed(reason: String)
    }

    /// The file name, e.g. `op-000012-row-0000007-invitation.eml`; unique across the three states.
    public var fileName: String
    /// The first `To` mailbox, display name decoded; `nil` when the header is missing.
    public var recipient: MailAddress?
    /// The `Subject`, encoded words decoded.
    public var subject: String
    /// The `X-Enrollment-Kind` header (`invitation`, `activation`), empty when absent.
    public var kind: String
    /// The `Date` header as written.
    public var date: String
    /// When the file was written, milliseconds since 1970; the listing's order.
    public var modified: Int64
    /// Queued, sent or failed.
    public var state: State

    /// An entry from its parts.
    public init(
        fileName: String, recipient: MailAddress?, subject: String, kind: String, date: String, modified: Int64,
        state: State
    ) {
        self.fileName = fileName
        self.recipient = recipient
        self.subject = subject
        self.kind = kind
        self.date = date
        self.modified = modified
        self.state = state
    }
}

/// How many messages are in each state.
public struct OutboxCounts: Sendable, Equatable {
    /// Messages waiting in the outbox.
    public var queued: Int
    /// Messages in `sent/`.
    public var sent: Int
    /// Messages in `failed/`.
    public var failed: Int

    /// All messages.
    public var total: Int { queued + sent + failed }
}
