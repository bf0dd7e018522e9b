import Dispatch
import Foundation
import Mail
import Synchronization

/// Delivers the outbox folder in the background: one thread wakes every `interval` (and at once when poked after
/// new mail is written) and runs an `OutboxDelivery` pass, until `stop()`.
///
/// Without a relay (`smtpHost` empty) it starts nothing: messages stay in the outbox, readable as `.eml` files and
/// listed by `delivery.list(offset:limit:)`. Delivery is at least once; see `OutboxDelivery`.
/// `start()`, `poke()` and `stop()` may be called from any thread.
final class OutboxSender: Sendable {
    /// The outbox folder and its relay; shared read-only, also for listing the Outbox page.
    let delivery: OutboxDelivery
    private let interval: Duration
    private let now: @Sendable () -> Int64
    private let log: @Sendable (String) -> Void
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let phase = Mutex(Phase.idle)

    private enum Phase {
        case idle
        case running
        case stopping
        case stopped
    }

    /// A sender for `outboxDirectory` through `smtpHost:smtpPort`, bounces to the address in `envelopeFrom`
    /// (`Name <address>` or a bare address).
    ///
    /// - Parameters:
    ///   - now: the wall clock in milliseconds since 1970, injected for the retry schedule.
    ///   - log: one line per message sent, deferred or failed.
    /// - Throws: `OutboxError` when the outbox folders cannot be created.
    init(
        outboxDirectory: String, smtpHost: String, smtpPort: Int = 25, envelopeFrom: String,
        interval: Duration = .seconds(5), schedule: RetrySchedule = RetrySchedule(),
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) },
        log: @escaping @Sendable (String) -> Void
    ) throws {
        let relay =
            smtpHost.isEmpty
            ? nil : SMTPRelay(host: smtpHost, port: smtpPort, sender: MailAddress(parsing: envelopeFrom).address)
        delivery = try OutboxDelivery(directory: outboxDirectory, relay: relay, schedule: schedule)
        self.interval = interval
        self.now = now
        self.log = log
    }

    /// Starts the background thread, once; without a relay, only logs that mail stays in the outbox.
    func start() {
        guard let relay = delivery.relay else {
            log("mail: no SMTP relay configured (--smtp-host); messages stay in \(delivery.directory)")
            return
        }
        let isFirstStart = phase.withLock { phase in
            guard phase == .idle else { return false }
            phase = .running
            return true
        }
        guard isFirstStart else { return }
        log("mail: delivering the outbox through \(relay.host):\(relay.port) as <\(relay.sender)>")
        let thread = Thread { [self] in run() }
        thread.name = "outbox-sender"
        thread.start()
    }

    /// Asks for a pass now, e.g. after an operation wrote new messages; cheap, never blocks.
    func poke() {
        wake.signal()
    }

    /// Stops the thread, waiting up to `grace` for a pass in progress to finish. A message whose pass is cut short
    /// stays queued and is sent on the next start.
    func stop(grace: Duration = .seconds(15)) {
        let wasRunning = phase.withLock { phase in
            defer { if phase != .stopped { phase = .stopping } }
            return phase == .running
        }
        guard wasRunning else { return }
        wake.signal()
        let seconds = Double(grace.components.seconds) + Double(grace.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            log("mail: the outbox sender is still busy; unsent messages stay queued")
        }
    }

    private func run() {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        while phase.withLock({ $0 == .running }) {
            let report = delivery.deliverDue(now: now())
            for line in Self.lines(report) { log(line) }
            _ = wake.wait(timeout: .now() + seconds)
            // Pokes that arrived during the pass are covered by the next one.
            while wake.wait(timeout: .now()) == .success {}
        }
        phase.withLock { $0 = .stopped }
        finished.signal()
    }

    private static func lines(_ report: OutboxDeliveryReport) -> [String] {
        report.sent.map { "mail: sent \($0)" }
            + report.deferred.map { "mail: deferred \($0): \(report.reasons[$0] ?? "")" }
            + report.failed.map { "mail: failed \($0): \(report.reasons[$0] ?? "")" }
            + report.duplicates.map { "mail: \($0) was already sent; removed the queued copy" }
            + report.problems.map { "mail: \($0)" }
    }
}
