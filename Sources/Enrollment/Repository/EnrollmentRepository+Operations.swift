import Storage

extension EnrollmentRepository {
    /// Records a new `.queued` operation and moves the uploaded spool file into the data folder, where it is kept
    /// for audit and re-runs. Durable when it returns. Throws `.storage` when the file cannot be moved or the
    /// journal written.
    public func createOperation(
        kind: OperationKind, fileName: String, uploadedBy: String, uploadedFile: String, resendInvitations: Bool
    ) throws(RepositoryError) -> OperationRecord {
        try ensureOpen()
        return try RepositoryError.wrap {
            try writer.withLock { _ in
                let id = state.withLock { $0.nextOperationID }
                try FileSystem.moveFile(uploadedFile, to: layout.uploadPath(id))
                let record = OperationRecord(
                    id: id, kind: kind, fileName: fileName, uploadedBy: uploadedBy, createdAt: now(),
                    resendInvitations: resendInvitations)
                try write([.operationCreated(record)], durable: true)
                state.withLock { $0.store(record) }
                return record
            }
        }
    }

    /// The operation with this ID, with its live progress while it runs.
    public func operation(id: Int64) -> OperationRecord? {
        state.withLock { $0.operations[id] }
    }

    /// A page of operations of one kind, newest first, and how many there are.
    public func operations(kind: OperationKind, offset: Int, limit: Int) -> (records: [OperationRecord], total: Int) {
        state.withLock { state in
            let ids = state.operationIDs[kind, default: []]
            let start = min(max(0, offset), ids.count)
            let end = min(ids.count, start + max(0, limit))
            let page = ids.reversed().dropFirst(start).prefix(end - start)
            return (page.compactMap { state.operations[$0] }, ids.count)
        }
    }

    /// The newest operation of one kind.
    public func latestOperation(kind: OperationKind) -> OperationRecord? {
        state.withLock { state in state.operationIDs[kind]?.last.flatMap { state.operations[$0] } }
    }

    /// Where the original uploaded file of an operation is kept.
    public func uploadedFilePath(operationID: Int64) -> String { layout.uploadPath(operationID) }

    /// Refuses a queued operation's file whole: `.rejected` with `reason`, nothing applied. A running
    /// operation is failed through its run. Throws `.wrongState` for finished operations.
    public func reject(operationID: Int64, reason: String) throws(RepositoryError) {
        try ensureOpen()
        if let run = state.withLock({ $0.runs[operationID] }) {
            try run.fail(reason: reason)
            return
        }
        try RepositoryError.wrap {
            try writer.withLock { _ in
                guard var record = operation(id: operationID) else {
                    throw RepositoryError.noSuchOperation(id: operationID)
                }
                guard record.state == .queued else {
                    throw RepositoryError.wrongState(id: operationID, state: record.state, action: "reject")
                }
                record.state = .rejected
                record.reason = reason
                record.finishedAt = now()
                try write([.operationEnded(record)], durable: true)
                let rejected = record
                state.withLock { $0.store(rejected) }
            }
        }
    }

    /// Starts a queued operation: it shows `.running` (with progress) to readers at once and returns the run
    /// that stages its changes. Throws `.wrongState` unless the operation is queued.
    public func beginRun(operationID: Int64) throws(RepositoryError) -> OperationRun {
        try ensureOpen()
        return try RepositoryError.wrap {
            try writer.withLock { _ in
                guard var record = operation(id: operationID) else {
                    throw RepositoryError.noSuchOperation(id: operationID)
                }
                guard record.state == .queued else {
                    throw RepositoryError.wrongState(id: operationID, state: record.state, action: "run")
                }
                let resultsPath = layout.resultsPath(operationID)
                try FileSystem.remove(resultsPath)
                try FileSystem.remove(layout.indexPath(operationID))
                let results = try RecordLog.open(path: resultsPath, header: DataFolderLayout.resultsHeader, log: log)
                let run = OperationRun(operationID: operationID, repository: self, results: results)
                try write([.operationStarted(id: operationID, at: now())], durable: false)
                record.state = .running
                let running = record
                state.withLock { state in
                    state.store(running)
                    state.runs[operationID] = run
                }
                return run
            }
        }
    }

    /// Queues an interrupted or rejected operation again as a new operation reading the same kept file.
    /// Throws `.wrongState` for other states, `.storage` when the kept file is gone.
    public func rerun(operationID: Int64) throws(RepositoryError) -> OperationRecord {
        try ensureOpen()
        return try RepositoryError.wrap {
            try writer.withLock { _ in
                guard let old = operation(id: operationID) else {
                    throw RepositoryError.noSuchOperation(id: operationID)
                }
                guard old.state == .interrupted || old.state == .rejected else {
                    throw RepositoryError.wrongState(id: operationID, state: old.state, action: "re-run")
                }
                let id = state.withLock { $0.nextOperationID }
                try FileSystem.remove(layout.uploadPath(id))
                try FileSystem.link(layout.uploadPath(operationID), to: layout.uploadPath(id))
                try FileSystem.syncDirectory(layout.uploadsDirectory)
                let record = OperationRecord(
                    id: id, kind: old.kind, fileName: old.fileName, uploadedBy: old.uploadedBy, createdAt: now(),
                    resendInvitations: old.resendInvitations)
                try write([.operationCreated(record)], durable: true)
                state.withLock { $0.store(record) }
                return record
            }
        }
    }

    /// Takes the keys a large commit added into the directory's sorted order once they are sorted, waiting for
    /// the sort outside the state lock (the commit publishes before the sort ends; see `AddedKeys`). The job
    /// runner calls it after a run, so the Users page rarely waits for the sort itself.
    public func settleUserOrder() {
        guard let inProgress = state.withLock({ $0.directory.inProgress }) else { return }
        _ = inProgress.keys
        state.withLock { $0.directory.settleSortedKeys() }
    }

    /// Mail of committed operations not yet written to the outbox, oldest operation first, all decoded (read
    /// back from the journal where it is there). Throws `.storage` when it cannot be read.
    public func pendingMail() throws(RepositoryError) -> [MailIntent] {
        var intents: [MailIntent] = []
        for (_, mail) in queuedMail() {
            do { intents += try mail.intents } catch { throw .storage(error) }
        }
        return intents
    }

    /// Mail of committed operations not yet written to the outbox, per operation, oldest first: still encoded,
    /// to be decoded a batch at a time (and read from the journal, whose segments stay until it is spooled).
    public func queuedMail() -> [(operationID: Int64, mail: QueuedMail)] {
        let journal = journal
        return state.withLock { state in
            state.pendingMail.sorted { $0.key < $1.key }.map { id, mail in
                var mail = mail
                mail.journal = journal
                return (operationID: id, mail: mail)
            }
        }
    }

    /// Records that the mail of an operation is in the outbox; it leaves `pendingMail()` durably.
    public func markMailSpooled(operationID: Int64) throws(RepositoryError) {
        try ensureOpen()
        try RepositoryError.wrap {
            try writer.withLock { _ in
                guard state.withLock({ $0.pendingMail[operationID] != nil }) else { return }
                try write([.mailSpooled(operationID: operationID)], durable: true)
                _ = state.withLock { $0.pendingMail.removeValue(forKey: operationID) }
            }
        }
    }
}
