import Storage

extension EnrollmentRepository {
    /// Commits a run: results synced and indexed, its last `changes` entry (the run wrote full chunks as it went)
    /// and one `committed` entry appended and synced; only then is the new state published to readers, in one
    /// step.
    func commit(_ run: OperationRun) throws(RepositoryError) -> OperationRecord {
        try ensureOpen()
        return try RepositoryError.wrap {
            try writer.withLock { _ in
                let id = run.operationID
                guard var record = state.withLock({ $0.operations[id] }) else {
                    throw RepositoryError.noSuchOperation(id: id)
                }
                guard record.state == .running else {
                    throw RepositoryError.wrongState(id: id, state: record.state, action: "commit")
                }
                guard var gathered = run.close() else { throw RepositoryError.runFinished(id: id) }
                // No copy of the directory is kept here: the merge below must find its tables unshared.
                let putCount = gathered.staged.count
                let added =
                    putCount < AddedKeys.threadThreshold
                        || !state.withLock({ $0.directory.wantsAddedKeys(forPuts: putCount) })
                    ? nil : AddedKeys(puts: gathered.staged, directory: state.withLock { $0.directory })
                // The run's mail, where the journal holds it.
                var mail = QueuedMail()
                do {
                    try run.results.sync()
                    try gathered.index.write(to: layout.indexPath(id))
                    record.state = .completed
                    record.finishedAt = now()
                    record.reason = ""
                    record.counts = gathered.counts
                    record.warnings = gathered.warnings
                    record.processedRows = gathered.processedRows
                    record.totalRows = max(gathered.totalRows, gathered.processedRows)
                    if let error = run.journalWriter.finish() { throw error }
                    mail = QueuedMail(inJournal: run.journalWriter.writtenPositions)
                    if !gathered.changes.isEmpty {
                        let position = try write(&gathered.changes)
                        if gathered.changesMail > 0 { mail.append(.journal(position), count: gathered.changesMail) }
                    }
                    try write([.committed(record, mail: [])], durable: true)
                } catch {
                    added?.waitForTables()
                    markInterrupted(id, because: "The commit failed: \(error)")
                    run.results.close()
                    throw error
                }
                let committed = record
                // The tables, not the sort: the directory takes the sorted keys in when they are first asked for.
                added?.waitForTables()
                state.withLock { state in
                    state.directory.merge(puts: &gathered.staged, removals: gathered.removed, added: added)
                    state.store(committed)
                    if !mail.isEmpty { state.pendingMail[id] = mail }
                    state.runs[id] = nil
                }
                run.results.close()
                return committed
            }
        }
    }

    /// Ends a run without applying anything: `.rejected` (fail) or `.interrupted` (abandon). Results recorded so
    /// far are kept and indexed for the report.
    func finish(_ run: OperationRun, state finalState: OperationState, reason: String) throws(RepositoryError) {
        try ensureOpen()
        try RepositoryError.wrap {
            try writer.withLock { _ in
                let id = run.operationID
                guard var record = state.withLock({ $0.operations[id] }) else {
                    throw RepositoryError.noSuchOperation(id: id)
                }
                guard let gathered = run.close() else { throw RepositoryError.runFinished(id: id) }
                defer { run.results.close() }
                run.journalWriter.finish()
                try run.results.sync()
                // Nothing of a refused or abandoned run is applied, so none of its rows has an outcome to report:
                // the index is written empty and the counts zero; the processed-row counter says how far it got.
                let isApplied = finalState == .completed
                try (isApplied ? gathered.index : ResultsIndex()).write(to: layout.indexPath(id))
                record.state = finalState
                record.reason = reason
                record.finishedAt = now()
                record.counts = isApplied ? gathered.counts : OutcomeCounts()
                record.warnings = gathered.warnings
                record.processedRows = gathered.processedRows
                record.totalRows = gathered.totalRows
                try write([.operationEnded(record)], durable: true)
                let ended = record
                state.withLock { state in
                    state.store(ended)
                    state.runs[id] = nil
                }
            }
        }
    }

    /// In memory only: shows an operation as interrupted after a failed commit (the journal decides on restart).
    private func markInterrupted(_ id: Int64, because reason: String) {
        log("Operation \(id): \(reason)")
        state.withLock { state in
            state.operations[id]?.state = .interrupted
            state.operations[id]?.reason = Self.interruptedReason
            state.runs[id] = nil
        }
    }
}
