import Storage

extension EnrollmentRepository {
    /// Opens the repository on `dataDirectory` (created when missing): takes the folder lock, loads the
    /// snapshot and replays the journal (a torn tail is cut off and reported through `log`), then marks every
    /// operation left queued or running as `.interrupted` with `interruptedReason` — nothing of it applied.
    ///
    /// `now` gives milliseconds since 1970 for every timestamp the repository writes. Throws
    /// `RepositoryError.storage(.folderLocked)` when another process owns the folder, `.storage` when a file
    /// is damaged beyond its tail or unreadable.
    public static func open(
        dataDirectory: String, now: @escaping @Sendable () -> Int64, log: @escaping @Sendable (String) -> Void
    ) throws(RepositoryError) -> EnrollmentRepository {
        try RepositoryError.wrap {
            let lock = try DataFolderLock.acquire(folder: dataDirectory)
            do {
                let layout = DataFolderLayout(root: dataDirectory)
                try FileSystem.makeDirectory(layout.uploadsDirectory)
                try FileSystem.makeDirectory(layout.resultsDirectory)
                var loader = RepositoryLoader()
                let journal = try Journal.open(
                    layout: layout.journal, segmentHeader: DataFolderLayout.journalHeader,
                    snapshotHeader: DataFolderLayout.snapshotHeader, log: log,
                    loadSnapshot: { (payload) throws(StorageError) in try loader.loadSnapshotRecord(payload) },
                    replay: { (payload, position) throws(StorageError) in try loader.replay(payload, at: position) })
                let repository = EnrollmentRepository(
                    layout: layout, now: now, log: log, lock: lock, journal: journal, state: loader.finish())
                try repository.interruptUnfinished()
                try repository.compactIfNeeded()
                return repository
            } catch {
                lock.release()
                throw error
            }
        }
    }

    /// Marks queued and running operations interrupted, durably.
    private func interruptUnfinished() throws(RepositoryError) {
        try RepositoryError.wrap {
            try writer.withLock { _ in
                let unfinished = state.withLock { state in
                    state.operations.values.filter { $0.state == .queued || $0.state == .running }
                }
                if unfinished.isEmpty { return }
                let at = now()
                var ended: [OperationRecord] = []
                for var record in unfinished.sorted(by: { $0.id < $1.id }) {
                    record.state = .interrupted
                    record.reason = Self.interruptedReason
                    record.finishedAt = at
                    ended.append(record)
                }
                try write(ended.map { .operationEnded($0) }, durable: true)
                state.withLock { state in for record in ended { state.store(record) } }
                log("Marked \(ended.count) unfinished operation(s) as interrupted: \(ended.map(\.id)).")
            }
        }
    }

    /// Writes a snapshot of the whole state and starts a fresh journal segment, so the next open reads the
    /// snapshot plus a short tail. Does nothing while an operation runs. Throws `.storage` on I/O errors.
    public func compact() throws(RepositoryError) {
        try RepositoryError.wrap {
            try writer.withLock { _ in try compactLocked() }
        }
    }

    /// Compacts when the current journal segment passed `compactionThreshold`; returns whether it did. Commits
    /// never compact (so a commit's latency stays its own): the job runner calls this after a run and after the
    /// outbox took an operation's mail, off the request path, and `open` calls it too.
    @discardableResult
    public func compactIfNeeded() throws(RepositoryError) -> Bool {
        guard journal.currentSegmentSize > Self.compactionThreshold, state.withLock({ $0.mayCompact }) else {
            return false
        }
        try compact()
        return true
    }

    /// `compact()` with the writer lock held. Skipped while a run is live (its uncommitted changes sit in the
    /// current segment, which compaction would delete) and while mail waits for the outbox in the journal.
    func compactLocked() throws {
        let snapshot = state.withLock { $0 }
        guard snapshot.mayCompact else {
            log("Compaction postponed: an operation is running, or its mail awaits the outbox.")
            return
        }
        try journal.compact { (writer) throws(StorageError) in
            try RepositoryLoader.writeSnapshot(snapshot, to: &writer)
        }
    }
}

extension EnrollmentRepository {
    /// Bytes in the journal's current segment (for the benchmark and `check`-style reports).
    public var journalSize: Int64 { journal.currentSegmentSize }
}
