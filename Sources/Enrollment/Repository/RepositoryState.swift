/// Everything the repository holds in memory, guarded by its `Mutex`.
struct RepositoryState: Sendable {
    /// The committed users.
    var directory = UserDirectory()
    /// Every operation by ID, with live progress for running ones.
    var operations: [Int64: OperationRecord] = [:]
    /// Operation IDs per kind, ascending (oldest first).
    var operationIDs: [OperationKind: [Int64]] = [:]
    /// Committed mail not yet written to the outbox, per operation.
    var pendingMail: [Int64: QueuedMail] = [:]
    /// The ID the next operation gets.
    var nextOperationID: Int64 = 1
    /// Runs in progress (not persisted).
    var runs: [Int64: OperationRun] = [:]
    /// Set by `close()`.
    var isClosed = false

    /// Whether the journal may be compacted: no run is live, and no operation's mail waits in the journal's
    /// segments, which compaction deletes.
    var mayCompact: Bool {
        runs.isEmpty && !pendingMail.values.contains { $0.isInJournal }
    }

    /// Adds or replaces an operation record.
    mutating func store(_ record: OperationRecord) {
        if operations.updateValue(record, forKey: record.id) == nil {
            var ids = operationIDs[record.kind, default: []]
            if let last = ids.last, last > record.id {
                ids.insert(record.id, at: ids.firstIndex { $0 > record.id } ?? ids.endIndex)
            } else {
                ids.append(record.id)
            }
            operationIDs[record.kind] = ids
        }
        nextOperationID = max(nextOperationID, record.id + 1)
    }
}
