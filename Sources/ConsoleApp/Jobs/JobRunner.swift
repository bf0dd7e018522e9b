import Dispatch
import Enrollment
import Synchronization

/// Runs imports and bulk invites one at a time on a thread of their own, off the server's loops and at a lower
/// CPU priority than they have (`LowPriorityWorker`), so pages stay quick while a large import runs.
///
/// A run streams the kept upload through the reader and rules into the repository, then commits, or fails
/// it whole when the file must be refused. Mail is spooled to the outbox after the commit, on a worker of its own
/// at the same priority, so the status line shows the outcome as soon as the directory is durable.
final class JobRunner: Sendable {
    private let jobs = LowPriorityWorker(name: "enrollment.jobs")
    /// Spools committed mail to the outbox, also at the lower priority: a million-row import's mail takes minutes
    /// of file creation, which would otherwise compete with the server's loops.
    private let mailQueue = LowPriorityWorker(name: "enrollment.outbox")
    private let repository: EnrollmentRepository
    private let outbox: OutboxWriter
    private let now: @Sendable () -> Int64
    private let log: @Sendable (String) -> Void
    /// Set by `stop()`: mail spooling ends early so shutdown stays bounded.
    private let isStopping = Atomic<Bool>(false)
    /// Called after new messages were written to the outbox (wakes the sender).
    private let onMailSpooled: @Sendable () -> Void
    /// How far the mail of each committed operation is written, for the report's mail column.
    let mailProgress = MailSpoolProgress()
    /// Whether the outbox already sent or failed the message of this file name.
    private let isDelivered: @Sendable (String) -> Bool
    /// Operations whose mail was pending when the console started: an earlier run may have written part of it,
    /// and the sender may have sent that part since. Only these pay for the look-up of each message.
    private let resumedOperations = Mutex<Set<Int64>>([])

    init(
        repository: EnrollmentRepository, outbox: OutboxWriter, now: @escaping @Sendable () -> Int64,
        log: @escaping @Sendable (String) -> Void, onMailSpooled: @escaping @Sendable () -> Void = {},
        isDelivered: @escaping @Sendable (String) -> Bool = { _ in false }
    ) {
        self.isDelivered = isDelivered
        self.repository = repository
        self.outbox = outbox
        self.onMailSpooled = onMailSpooled
        self.now = now
        self.log = log
    }

    /// Queues the operation; returns at once.
    func submit(_ operationID: Int64) {
        jobs.async { self.run(operationID) }
    }

    /// Blocks until every submitted job and mail spooling has finished (tests).
    func drain() {
        jobs.waitUntilIdle()
        mailQueue.waitUntilIdle()
    }

    /// For shutdown: lets a running import or invite finish, but cuts mail spooling short (what is not written
    /// stays pending in the repository and is written at the next start), then waits for both queues.
    func stop() {
        isStopping.store(true, ordering: .relaxed)
        drain()
    }

    /// Spools mail that was committed but not written before the last stop. Part of it may have been written and
    /// sent already: those messages are not written again.
    func resumePendingMail() {
        let pending = Set(repository.queuedMail().map(\.operationID))
        resumedOperations.withLock { $0.formUnion(pending) }
        spoolPendingMail()
    }

    /// Spools the mail of committed operations not yet in the outbox.
    func spoolPendingMail() {
        mailQueue.async { self.spoolMail() }
    }

    private func run(_ operationID: Int64) {
        guard let record = repository.operation(id: operationID) else { return }
        let path = repository.uploadedFilePath(operationID: operationID)
        let started = now()
        do {
            var run = try repository.beginRun(operationID: operationID)
            do {
                switch record.kind {
                case .userImport:
                    _ = try ImportProcessor.run(filePath: path, into: &run, now: started)
                case .bulkInvite:
                    _ = try InviteProcessor.run(
                        filePath: path, into: &run, now: started, resendInvitations: record.resendInvitations)
                }
                let processed = now()
                let done = try run.commit()
                let ended = now()
                log(
                    "\(record.kind.rawValue) \(operationID) completed: \(done.counts.total) rows in \(ended - started) ms"
                        + " (rows \(processed - started) ms, commit \(ended - processed) ms)")
                spoolPendingMail()
            } catch let refusal as FileRefusal {
                try run.fail(reason: refusal.message)
                log("\(record.kind.rawValue) \(operationID) refused: \(refusal.message)")
            }
        } catch {
            log("\(record.kind.rawValue) \(operationID) failed: \(error)")
            try? repository.reject(operationID: operationID, reason: "The console could not process this file.")
        }
        // The users a large run added join the sorted order now, off the commit's path.
        repository.settleUserOrder()
        // Between runs the journal may be folded into a snapshot, so the next start replays a short tail.
        compactIfNeeded(after: "\(record.kind.rawValue) \(operationID)")
    }

    /// Compacts the repository if its journal grew past the threshold, logging what happened.
    private func compactIfNeeded(after event: String) {
        do {
            if try repository.compactIfNeeded() { log("repository compacted after \(event)") }
        } catch {
            log("repository compaction failed: \(error)")
        }
    }

    /// Writes the mail of each committed operation to the outbox, a batch at a time (a million-row import's
    /// invitations are never all decoded at once), and marks it spooled once all of it is written.
    private func spoolMail() {
        let queued = repository.queuedMail()
        // Marked (and ended) only here, on the mail queue, so no other spooling pass can race with it.
        for (operationID, _) in queued { mailProgress.begin(operationID) }
        for (operationID, mail) in queued {
            // However this operation's spooling ends, the report looks for its files again.
            defer { mailProgress.end(operationID) }
            let isResumed = resumedOperations.withLock { $0.contains(operationID) }
            do {
                var written = 0
                let isComplete = try mail.forEachBatch { intents in
                    let count = try outbox.write(
                        intents, now: now(), shouldContinue: { !self.isStopping.load(ordering: .relaxed) },
                        isDelivered: { isResumed && self.isDelivered($0) })
                    written += count
                    if count > 0 { mailProgress.advance(operationID, through: intents[count - 1].rowNumber) }
                    return count == intents.count
                }
                guard isComplete else {
                    log(
                        "outbox: stopping; \(mail.count - written) emails of operation \(operationID) left for the next start"
                    )
                    return
                }
                try repository.markMailSpooled(operationID: operationID)
                _ = resumedOperations.withLock { $0.remove(operationID) }
                onMailSpooled()
            } catch {
                log("outbox: could not write mail of operation \(operationID): \(error)")
            }
        }
        // Compaction waits while mail is read from the journal; with it spooled, the journal may be folded.
        if !queued.isEmpty { compactIfNeeded(after: "the outbox took the mail") }
    }
}
