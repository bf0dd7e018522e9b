import Storage
import Synchronization

/// A running import or bulk invite: the `OperationSink` the job feeds, made by `EnrollmentRepository.beginRun`.
///
/// Directory changes are staged here and seen only by later rows of this run; results go to the operation's
/// results file as they come; progress is visible to readers at once. `commit()` makes everything durable and
/// visible together; `fail(reason:)` and `abandon()` apply nothing. One job drives a run; readers of its results
/// may be on other threads.
public final class OperationRun: OperationSink, Sendable {
    /// What the run gathered, guarded by `state`.
    struct State: Sendable {
        /// The final user per key put so far, or `PackedUser.removed` for a key whose final change so far is a
        /// removal (`close` moves the marks to `removed`).
        var staged = UserTable()
        /// Keys whose final change is a removal: filled by `close` from the marks in `staged`.
        var removed: Set<DirectoryKey> = []
        /// Directory changes and the mail they cause, not yet written to the journal, encoded (a full chunk is
        /// written at once, unsynced). Written, the mail is read back from there when the outbox takes it (see
        /// `QueuedMail`).
        var changes: JournalChunk
        /// Mail items in `changes`.
        var changesMail = 0
        /// Where the last item of `changes` starts when it is a put, so mail to its user can be written as the
        /// put's kind and row instead of an intent of its own. Not the user: holding it cost a retain and a
        /// release a row; the chunk holds the record.
        var lastPut: Int?
        var counts = OutcomeCounts()
        var warnings: [String] = []
        var index = ResultsIndex()
        var processedRows = 0
        var totalRows = 0
        var isFinished = false
        init(operationID: Int64) {
            changes = JournalChunk(tag: JournalEntry.changesTag, operationID: operationID)
        }

        /// The changes chunk sealed once it is full, with the mail it holds, for the journal; it goes on in
        /// `spare()`'s buffer.
        mutating func takeFullChanges(_ spare: () -> [UInt8]?) -> (JournalChunk.Sealed, mail: Int)? {
            guard changes.count >= JournalEntry.changesPerRecord else { return nil }
            defer {
                changesMail = 0
                lastPut = nil
            }
            return (changes.take(replacingWith: spare()), changesMail)
        }

        /// Whether the last item is a put whose user is the addressee of `intent` (`PackedUser.isAddressee`).
        func lastPutIsAddressee(of intent: MailIntent) -> Bool {
            guard let lastPut else { return false }
            // The item is the put's tag, then the user's record.
            return changes.withItems(from: lastPut + 1) { PackedUser.record($0, isAddresseeOf: intent) }
        }
    }

    /// The most rows `reportProgress` reserves staging room for (a total is an estimate and may be wrong).
    static let maxReservedRows = 4_000_000
    /// The operation being run.
    public let operationID: Int64
    /// The repository the run commits to.
    let repository: EnrollmentRepository
    /// The operation's results file, appended row by row.
    let results: RecordLog
    /// The run's staged changes, counts and index.
    let state: Mutex<State>
    /// Appends full chunks of changes and mail to the journal as the run goes (where replay ignores them unless
    /// the operation's commit record follows), so a commit has little left to write.
    let journalWriter: JournalWriteBehind
    /// The directory's slots as the run began, to prefetch the rows' probes of it without the repository's lock.
    let directoryPrefetch: UserTable.PrefetchTarget?

    /// Made by `EnrollmentRepository.beginRun`.
    init(operationID: Int64, repository: EnrollmentRepository, results: RecordLog) {
        self.operationID = operationID
        self.repository = repository
        self.results = results
        state = Mutex(State(operationID: operationID))
        journalWriter = JournalWriteBehind(journal: repository.journal)
        directoryPrefetch = repository.directoryPrefetchTarget()
    }

    deinit { journalWriter.finish() }

    /// The user with this key as this run sees it: its staged change if any, else the committed directory.
    public func user(forKey key: DirectoryKey) -> User? {
        record(forKey: key)?.user
    }

    /// The record of the user with this key as this run sees it, undecoded: its staged change if any (nil for a
    /// removal), else the committed directory's.
    private func record(forKey key: DirectoryKey) -> PackedUser? {
        if let staged = state.withLock({ $0.staged[key] }) { return staged.isRemovedMark ? nil : staged }
        return repository.packedUser(forKey: key)
    }

    /// Starts bringing in what the look-ups of a row whose key has this hash read first, in the staged users and,
    /// when it had any as the run began, the directory: the processor calls it a few rows ahead of the row.
    public func prefetch(keyHash: Int) {
        state.withLock { $0.staged.prefetch(keyHash: keyHash) }
        directoryPrefetch?.prefetch(keyHash: keyHash)
    }

    /// Whether this run sees a user with this key, without decoding it.
    public func containsUser(forKey key: DirectoryKey) -> Bool {
        record(forKey: key) != nil
    }

    /// Stages an insert or replacement of `user` under `key` (`user.key`).
    public func put(_ user: User, key: DirectoryKey) {
        put(PackedUser(user), key: key)
    }

    /// Stages the user a New row creates, its record made of the row's own cells.
    public func putNewUser(from row: inout ImportRow, key: DirectoryKey, now: Int64) {
        put(row.takePackedUser(state: .invited, createdAt: now, updatedAt: now), key: key)
    }

    /// Stages an Update row's change of the user with `key` on its record's bytes (staged or committed), without
    /// decoding it.
    public func update(key: DirectoryKey, withCellsOf row: ImportRow, now: Int64) -> Bool? {
        guard let current = record(forKey: key) else { return nil }
        guard let updated = current.updated(withCellsOf: row, now: now) else { return false }
        put(updated, key: key)
        return true
    }

    /// Stages `packed` under `key`.
    private func put(_ packed: PackedUser, key: DirectoryKey) {
        let full = state.withLock { state -> (JournalChunk.Sealed, mail: Int)? in
            guard !state.isFinished else { return nil }
            state.staged[key] = packed
            state.lastPut = state.changes.add { JournalEntry.encodePut(packed, into: &$0) }
            return state.takeFullChanges { self.journalWriter.spareBuffer() }
        }
        if let full { appendToJournal(full) }
    }

    /// Hands a full chunk to the journal's writer, counted when it holds mail (so the commit knows where the
    /// run's mail is).
    private func appendToJournal(_ full: (chunk: JournalChunk.Sealed, mail: Int)) {
        journalWriter.append(full.chunk, count: full.mail > 0 ? full.mail : nil)
    }

    /// Stages the removal of the user with this key.
    public func remove(key: DirectoryKey) {
        let full = state.withLock { state -> (JournalChunk.Sealed, mail: Int)? in
            guard !state.isFinished else { return nil }
            state.staged[key] = .removed
            state.changes.add { JournalEntry.encodeRemove(key: key.string, into: &$0) }
            state.lastPut = nil
            return state.takeFullChanges { self.journalWriter.spareBuffer() }
        }
        if let full { appendToJournal(full) }
    }

    /// The user with this key (see `User.key(forEmail:)`) as this run sees it.
    public func user(forKey key: String) -> User? { user(forKey: DirectoryKey(key)) }

    /// Stages an insert or replacement of `user` under `key` (`user.key`).
    public func put(_ user: User, key: String) { put(user, key: DirectoryKey(key)) }

    /// Stages an insert or replacement of `user` under its own key.
    public func put(_ user: User) { put(user, key: DirectoryKey(user.key)) }

    /// Stages the removal of the user with this key.
    public func remove(key: String) { remove(key: DirectoryKey(key)) }

    /// Appends the result of one row to the results file and counts its outcome. Throws
    /// `RepositoryError.runFinished` after the run ended, `.storage` on write errors.
    public func record(_ result: RowResult) throws(RepositoryError) {
        let id = operationID
        let results = results
        try state.withLock { (state) throws(RepositoryError) in
            guard !state.isFinished else { throw .runFinished(id: id) }
            do throws(StorageError) {
                let offset = try results.append(size: result.encodedSize) { $0.write(result) }
                state.index.add(offset: offset, outcome: result.outcome)
                state.counts.add(result.outcome)
            } catch {
                throw .storage(error)
            }
        }
    }

    /// Updates the progress counter readers see (the operation's `processedRows` and `totalRows`). The first
    /// total, reported before any row, also sizes the staging table and the results index for that many rows: a
    /// million-row import then fills them without rehashing or copying them as they grow (untouched capacity costs
    /// no memory).
    public func reportProgress(processedRows: Int, totalRows: Int?) {
        let (processed, total) = state.withLock { state in
            if processedRows == 0, let totalRows, state.staged.isEmpty {
                let rows = min(totalRows, Self.maxReservedRows)
                state.staged.reserveCapacity(rows)
                state.index.reserveCapacity(rows)
            }
            state.processedRows = processedRows
            if let totalRows { state.totalRows = totalRows }
            return (state.processedRows, state.totalRows)
        }
        repository.updateProgress(operationID: operationID, processedRows: processed, totalRows: total)
    }

    /// Adds a note for the report; it becomes part of the operation record at the end of the run.
    public func addWarning(_ warning: String) {
        state.withLock { $0.warnings.append(warning) }
    }

    /// Stages an email, queued to the outbox only if the run commits; written to the journal with the changes,
    /// so the commit record stays small. Mail to the user the run just put (an invitation after a New row, an
    /// activation notice) is written as that put's kind and row, not as an intent of its own: its email and names
    /// are the record's.
    public func queueMail(_ intent: MailIntent) {
        queueMail(intent, toUserJustStaged: false)
    }

    /// `queueMail`; when the caller says the mail goes to the user just staged (the rules know, having made both
    /// from the same cells), the comparison of its email and names with the record is left to debug builds.
    public func queueMail(_ intent: MailIntent, toUserJustStaged: Bool) {
        let operationID = operationID
        stageMail(
            intent.kind, rowNumber: intent.rowNumber, intent: { intent },
            isToLastPut: { state in
                intent.operationID == operationID
                    && (toUserJustStaged
                        ? Self.checked(state, isAddresseeOf: intent) : state.lastPutIsAddressee(of: intent))
            })
    }

    /// `queueMail(_:toUserJustStaged:)` for mail to the user the row just put, which is written as that put's
    /// kind and row; `intent` is made only when there is no such put (or to check it, in debug builds).
    public func queueMail(_ kind: MailKind, rowNumber: Int, toUserJustStaged intent: () -> MailIntent) {
        stageMail(
            kind, rowNumber: rowNumber, intent: intent,
            isToLastPut: { state in
                assert(state.lastPutIsAddressee(of: intent()), "mail said to go to the user just staged goes to them")
                return true
            })
    }

    /// Stages mail of `kind` caused by row `rowNumber`: as the last put's kind and row when the last item is a put
    /// and `isToLastPut` says the mail goes to its user, else as an item of its own, which `intent` makes.
    private func stageMail(
        _ kind: MailKind, rowNumber: Int, intent: () -> MailIntent, isToLastPut: (borrowing State) -> Bool
    ) {
        let full = state.withLock { state -> (JournalChunk.Sealed, mail: Int)? in
            guard !state.isFinished else { return nil }
            if let put = state.lastPut, isToLastPut(state) {
                state.changes.amendLastItem(at: put, tag: JournalEntry.mailedPutTag) {
                    JournalEntry.encodeMailOfPut(kind: kind, rowNumber: rowNumber, into: &$0)
                }
            } else {
                state.changes.add { JournalEntry.encodeMailItem(intent(), into: &$0) }
            }
            state.lastPut = nil
            state.changesMail += 1
            return state.takeFullChanges { self.journalWriter.spareBuffer() }
        }
        if let full { appendToJournal(full) }
    }

    /// True, after checking in debug builds that the user of `state`'s last put is the addressee of `intent`.
    private static func checked(_ state: borrowing State, isAddresseeOf intent: MailIntent) -> Bool {
        assert(state.lastPutIsAddressee(of: intent), "mail said to go to the user just staged goes to that user")
        return true
    }

    /// Makes every staged change, the counts, warnings and mail of the run and the state `.completed` durable
    /// and visible at once, with a single commit record in the journal. Returns the final record.
    @discardableResult
    public func commit() throws(RepositoryError) -> OperationRecord {
        try repository.commit(self)
    }

    /// Ends the run as `.rejected` with `reason`: nothing staged is applied, no mail is queued, the results
    /// recorded so far stay for the report.
    public func fail(reason: String) throws(RepositoryError) {
        try repository.finish(self, state: .rejected, reason: reason)
    }

    /// Drops the run without a decision (e.g. on shutdown): it shows as `.interrupted`, nothing applied.
    public func abandon() {
        try? repository.finish(
            self, state: .interrupted, reason: EnrollmentRepository.interruptedReason)
    }

    /// Marks the run finished and hands over what it gathered; nil when it already was.
    func close() -> State? {
        state.withLock { state in
            if state.isFinished { return nil }
            state.isFinished = true
            state.removed = Set(state.staged.keys(where: \.isRemovedMark))
            for key in state.removed { state.staged[key] = nil }
            let taken = state
            state.staged = UserTable()
            state.removed = []
            return taken
        }
    }

    /// A page of result offsets from the in-memory index (valid until the repository forgets the run).
    func livePage(outcome: RowOutcome?, offset: Int, limit: Int) -> (offsets: [Int64], total: Int) {
        state.withLock { $0.index.page(outcome: outcome, offset: offset, limit: limit) }
    }
}
