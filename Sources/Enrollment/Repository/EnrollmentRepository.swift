import Storage
import Synchronization

/// The durable store of the console: the user directory, operations (imports and bulk invites) with their kept
/// uploads and per-row results, and the mail waiting for the outbox — all in one data folder.
///
/// Readers (any thread) work from the committed state and never see half an operation. Writers (operation
/// lifecycle, commits, compaction) are serialised by a writer lock; every change goes to the journal first.
/// One process owns the data folder at a time (`DataFolderLock`).
public final class EnrollmentRepository: Sendable {
    /// The reason given to operations found queued or running when the repository opens.
    public static let interruptedReason = "The console stopped during this import; nothing was applied."
    /// The journal is compacted (snapshot + fresh segment) once its current segment passes this many bytes.
    public static let compactionThreshold: Int64 = 16 << 20

    /// Where the files are.
    let layout: DataFolderLayout
    /// The injected clock (ms since 1970).
    let now: @Sendable () -> Int64
    /// The injected log.
    let log: @Sendable (String) -> Void
    /// This process's ownership of the folder.
    let lock: DataFolderLock
    /// The durable log of every state change.
    let journal: Journal
    /// The committed state readers see.
    let state: Mutex<RepositoryState>
    /// Serialises writers: journal appends, commits and compaction. Taken before `state`, never inside it.
    let writer = Mutex<Void>(())

    /// Wires an opened repository; see `open`.
    init(
        layout: DataFolderLayout, now: @escaping @Sendable () -> Int64, log: @escaping @Sendable (String) -> Void,
        lock: DataFolderLock, journal: Journal, state: RepositoryState
    ) {
        self.layout = layout
        self.now = now
        self.log = log
        self.lock = lock
        self.journal = journal
        self.state = Mutex(state)
    }

    /// Stops accepting writes, marks unfinished runs interrupted (in memory; on disk they are interrupted at the
    /// next open), syncs the journal and releases the data folder. Idempotent.
    public func close() {
        let runs = state.withLock { state -> [OperationRun] in
            if state.isClosed { return [] }
            return Array(state.runs.values)
        }
        for run in runs { run.abandon() }
        let wasOpen = writer.withLock { _ in
            state.withLock { state in
                defer { state.isClosed = true }
                return !state.isClosed
            }
        }
        guard wasOpen else { return }
        journal.close()
        lock.release()
    }

    /// The user with this key (see `User.key(forEmail:)`), as of the last commit.
    public func user(forKey key: String) -> User? {
        user(forKey: DirectoryKey(key))
    }

    /// The committed user with this key (hash already computed).
    public func user(forKey key: DirectoryKey) -> User? {
        packedUser(forKey: key)?.user
    }

    /// The committed record of the user with this key, undecoded.
    /// Where a look-up in the directory starts, for a run to prefetch its rows' probes without this lock
    /// (`UserTable.PrefetchTarget`); nil while the directory is empty.
    func directoryPrefetchTarget() -> UserTable.PrefetchTarget? {
        state.withLock { state in state.directory.count > 0 ? state.directory.records.prefetchTarget : nil }
    }

    func packedUser(forKey key: DirectoryKey) -> PackedUser? {
        state.withLock { $0.directory.records[key] }
    }

    /// The number of users in the directory.
    public var userCount: Int { state.withLock { $0.directory.count } }

    /// A page of users sorted by email; `search` keeps users whose email, first or last name contains it,
    /// ignoring case ("" keeps all). `total` counts every match.
    public func users(matching search: String, offset: Int, limit: Int) -> (users: [User], total: Int) {
        let directory = state.withLock { $0.directory }
        return directory.page(matching: search, offset: offset, limit: limit)
    }

    /// Publishes a run's progress counter to readers.
    func updateProgress(operationID: Int64, processedRows: Int, totalRows: Int) {
        state.withLock { state in
            guard var record = state.operations[operationID], record.state == .running else { return }
            record.processedRows = processedRows
            record.totalRows = totalRows
            state.operations[operationID] = record
        }
    }

    /// Appends journal entries and, when `durable`, waits for them to be synced. State changes hold the writer
    /// lock; a run's `changes` chunks need not (each entry is self-contained, and nothing compacts while a run
    /// is live).
    func write(_ entries: [JournalEntry], durable: Bool) throws(StorageError) {
        var encoder = RecordWriter(capacity: 256)
        for entry in entries {
            encoder.removeAll()
            entry.encode(into: &encoder)
            try journal.append(encoder.bytes)
        }
        if durable { try journal.sync() }
    }

    /// Appends the entry a run built in `chunk` to the journal (buffered, not synced); returns where it sits.
    @discardableResult
    func write(_ chunk: inout JournalChunk) throws(StorageError) -> Journal.Position {
        let journal = journal
        return try chunk.seal { (payload) throws(StorageError) in try journal.append(payload) }
    }

    /// Fails with `.closed` once `close()` ran.
    func ensureOpen() throws(RepositoryError) {
        if state.withLock({ $0.isClosed }) { throw .closed }
    }
}

extension EnrollmentRepository {
    /// For tests: releases the folder like a killed process would — runs are left unfinished and nothing more is
    /// written (buffered journal bytes are written, as the kernel would keep them).
    func simulateCrash() {
        state.withLock { $0.isClosed = true }
        journal.close()
        lock.release()
    }
}
