import Foundation

/// Delivers the `.eml` files of the outbox folder through an SMTP relay, keeping each message's state in the
/// folder itself so a restart carries on where the last run stopped.
///
/// Layout of the outbox folder:
/// - `<name>.eml`: queued. Files starting with `.` are another writer's temporaries and are ignored.
/// - `retry/<name>.json`: an `OutboxRetryState` after temporary failures (attempts, next try, last error).
/// - `sent/<name>.eml`: accepted by the relay. A queued file whose name is already in `sent/` is a re-written
///   copy of a delivered message and is removed, not sent.
/// - `failed/<name>.eml` and `failed/<name>.reason`: refused for good (5xx), or given up after
///   `RetrySchedule.maximumAttempts`; the reason holds the relay's reply.
///
/// Guarantee: at least once. A message moves to `sent/` right after the relay's 2xx to the final dot; a crash in
/// between, or a connection lost while waiting for that reply, leaves it queued and it is sent again. The
/// `Message-ID` stays the same, so a duplicate can be recognised downstream.
///
/// A value shared read-only: `deliverDue(now:)` is called by one thread at a time (the background sender);
/// `list(offset:limit:)` and `counts()` may run on any thread meanwhile.
public struct OutboxDelivery: Sendable {
    /// The outbox folder.
    public let directory: String
    /// The relay, or `nil` when none is configured: then nothing is sent and messages stay queued.
    public let relay: SMTPRelay?
    /// When to retry after temporary failures.
    public let schedule: RetrySchedule
    /// Most messages sent over one connection before it is closed and a new one opened.
    public var maxMessagesPerConnection = 50
    /// Largest message file sent; a bigger one fails permanently.
    public var maxMessageBytes = 10 * 1024 * 1024

    /// Uses `directory` as the outbox, creating it and its `sent/`, `failed/` and `retry/` folders if missing.
    ///
    /// - Throws: `OutboxError.io` when a folder cannot be created.
    public init(directory: String, relay: SMTPRelay?, schedule: RetrySchedule = RetrySchedule()) throws(OutboxError) {
        self.directory = directory
        self.relay = relay
        self.schedule = schedule
        for folder in [directory, sentFolder, failedFolder, retryFolder] { try OutboxFiles.makeFolder(folder) }
    }

    /// `sent/`: messages the relay accepted.
    var sentFolder: String { directory + "/sent" }
    /// `failed/`: messages refused for good, each with a `.reason` file.
    var failedFolder: String { directory + "/failed" }
    /// `retry/`: one `OutboxRetryState` per message that failed temporarily.
    var retryFolder: String { directory + "/retry" }

    /// Names of the queued `.eml` files in the outbox folder, sorted (oldest operation first).
    public func queuedNames() -> [String] {
        Self.messageNames(in: directory)
    }

    /// Names of the `.eml` files in `folder` that are not dot-files, sorted; empty if the folder is missing.
    static func messageNames(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.sorted()
    }

    /// Sends every queued message that is due at `now` (milliseconds since 1970), over as few connections as
    /// `maxMessagesPerConnection` allows, and records each result in the folder.
    ///
    /// Stops early when a whole connection's messages failed temporarily (the relay is down), so a pass costs one
    /// failed connection then. File errors are reported in the result, not thrown: one bad file never stops the
    /// others. Without a relay, does nothing.
    public func deliverDue(now: Int64) -> OutboxDeliveryReport {
        var report = OutboxDeliveryReport()
        guard let relay else { return report }
        var batch: [(name: String, envelope: SMTPEnvelope, state: OutboxRetryState?)] = []
        var names = queuedNames()[...]
        while true {
            batch.removeAll()
            while batch.count < maxMessagesPerConnection, let name = names.popFirst() {
                if let item = prepare(name, relay: relay, now: now, report: &report) {
                    batch.append((name, item.0, item.1))
                }
            }
            if batch.isEmpty { return report }
            var isRelayReachable = false
            SMTPConnection.deliver(batch.map(\.envelope), to: relay) { index, result in
                if case .temporaryFailure = result {} else { isRelayReachable = true }
                record(result, for: batch[index].name, state: batch[index].state, now: now, report: &report)
            }
            if !isRelayReachable { return report }
        }
    }

    /// The envelope and retry record of a queued message if it is due, or `nil` (not due, a duplicate, gone, or
    /// unusable; the last is recorded as a permanent failure).
    private func prepare(_ name: String, relay: SMTPRelay, now: Int64, report: inout OutboxDeliveryReport)
        -> (SMTPEnvelope, OutboxRetryState?)?
    {
        let path = directory + "/" + name
        do {
            if OutboxFiles.exists(sentFolder + "/" + name) {
                try OutboxFiles.remove(path)
                try OutboxFiles.remove(retryPath(name))
                report.duplicates.append(name)
                return nil
            }
        } catch {
            report.problems.append(error.description)
            return nil
        }
        let state = OutboxRetryState.read(at: retryPath(name))
        if let state, state.nextAttempt > now { return nil }
        guard let content = FileManager.default.contents(atPath: path) else { return nil }
        guard content.count <= maxMessageBytes else {
            record(
                .permanentFailure(reason: "message larger than \(maxMessageBytes) bytes"), for: name, now: now,
                report: &report)
            return nil
        }
        let recipients = MailHeaders(parsing: content).addresses("To").map(\.address)
        do {
            return (try SMTPEnvelope(sender: relay.sender, recipients: recipients, content: Array(content)), state)
        } catch {
            record(.permanentFailure(reason: error.description), for: name, now: now, report: &report)
            return nil
        }
    }

    /// The retry record of the message `name` (`retry/<name without .eml>.json`).
    func retryPath(_ name: String) -> String {
        retryFolder + "/" + name.dropLast(4) + ".json"
    }
}

/// What one `OutboxDelivery.deliverDue(now:)` pass did, by file name, for the log.
public struct OutboxDeliveryReport: Sendable, Equatable {
    /// Accepted by the relay and moved to `sent/`.
    public var sent: [String] = []
    /// Failed temporarily; tried again later.
    public var deferred: [String] = []
    /// Failed permanently and moved to `failed/`.
    public var failed: [String] = []
    /// Queued copies of messages already in `sent/`, removed without sending.
    public var duplicates: [String] = []
    /// File errors, one line each.
    public var problems: [String] = []
    /// Why each deferred or failed message did not go: the relay's reply or the connection error.
    public var reasons: [String: String] = [:]

    /// Whether the pass did anything worth logging.
    public var isEmpty: Bool {
        sent.isEmpty && deferred.isEmpty && failed.isEmpty && duplicates.isEmpty && problems.isEmpty
    }
}
