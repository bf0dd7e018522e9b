import Storage

/// Rebuilds `RepositoryState` at open: first the snapshot's records, then the journal replayed in order.
/// Directory changes and mail wait per operation until its `committed` entry; those without one are dropped.
struct RepositoryLoader {
    /// The state rebuilt so far.
    var state = RepositoryState()
    /// Changes per operation awaiting its commit entry, chunk by chunk (no copying as they grow).
    private var pending: [Int64: [[DirectoryChange]]] = [:]
    /// Mail per operation awaiting its commit entry, as where its entries are in the journal.
    private var pendingMail: [Int64: QueuedMail] = [:]
    private(set) var replayed = 0

    /// Snapshot record tags.
    enum SnapshotTag: UInt8 {
        case meta = 1
        case users = 2
        case operation = 3
        case mail = 4
    }

    /// Loads one snapshot record (after the journal's own first record).
    mutating func loadSnapshotRecord(_ payload: UnsafeRawBufferPointer) throws(StorageError) {
        var reader = RecordReader(payload)
        switch SnapshotTag(rawValue: try reader.readByte()) {
        case .meta:
            state.nextOperationID = try reader.readVarInt()
            state.directory.reserveCapacity(try reader.readCount())
        case .users:
            for _ in 0..<(try reader.readCount()) {
                let (key, user) = try PackedUser.readKeyed(from: &reader)
                state.directory.insertLoaded(key: key, user: user)
            }
        case .operation:
            state.store(try reader.readOperation())
        case .mail:
            let id = try reader.readVarInt()
            let mail = try reader.readMailIntents()
            // An operation's mail may span several records (one per queued chunk).
            state.pendingMail[id, default: QueuedMail()].append(contentsOf: QueuedMail(mail, operationID: id))
        case nil:
            throw .malformedRecord(reason: "unknown snapshot record")
        }
    }

    /// Replays one journal entry, found at `position`.
    mutating func replay(_ payload: UnsafeRawBufferPointer, at position: Journal.Position) throws(StorageError) {
        var reader = RecordReader(payload)
        replayed += 1
        switch try JournalEntry.decode(&reader) {
        case .operationCreated(let record), .operationEnded(let record):
            pending[record.id] = nil
            pendingMail[record.id] = nil
            state.store(record)
        case .operationStarted(let id, _):
            state.operations[id]?.state = .running
        case .changes(let id, let changes, let mail):
            pending[id, default: []].append(changes)
            // Read again from the journal when the outbox takes it.
            if !mail.isEmpty { pendingMail[id, default: QueuedMail()].append(.journal(position), count: mail.count) }
        case .mail(let id, let mail):
            // Decoded above to check it; read again from the journal when the outbox takes it.
            pendingMail[id, default: QueuedMail()].append(.journal(position), count: mail.count)
        case .committed(let record, let mail):
            state.directory.apply(pending.removeValue(forKey: record.id) ?? [])
            state.store(record)
            var queued = pendingMail.removeValue(forKey: record.id) ?? QueuedMail()
            queued.append(contentsOf: QueuedMail(mail, operationID: record.id))
            if !queued.isEmpty { state.pendingMail[record.id] = queued }
        case .mailSpooled(let id):
            state.pendingMail[id] = nil
        }
    }

    /// The loaded state; uncommitted changes are dropped.
    mutating func finish() -> RepositoryState {
        state.directory.finishLoading()
        return state
    }

    /// Writes `state` as snapshot records, users in key order.
    static func writeSnapshot(_ state: RepositoryState, to writer: inout SnapshotWriter) throws(StorageError) {
        var encoder = RecordWriter(capacity: 1 << 16)
        encoder.writeByte(SnapshotTag.meta.rawValue)
        encoder.writeVarInt(state.nextOperationID)
        encoder.writeCount(state.directory.count)
        try writer.append(encoder.bytes)
        let keys = state.directory.sortedKeys
        var start = 0
        while start < keys.count {
            let end = min(keys.count, start + 1024)
            encoder.removeAll()
            encoder.writeByte(SnapshotTag.users.rawValue)
            encoder.writeCount(end - start)
            for key in keys[start..<end] { state.directory.records[key]!.withBytes { encoder.writeRaw($0) } }
            try writer.append(encoder.bytes)
            start = end
        }
        for id in state.operations.keys.sorted() {
            encoder.removeAll()
            encoder.writeByte(SnapshotTag.operation.rawValue)
            encoder.write(state.operations[id]!)
            try writer.append(encoder.bytes)
        }
        // A record per queued chunk: a million-row import's mail is neither decoded at once nor one huge record.
        for (id, queued) in state.pendingMail.sorted(by: { $0.key < $1.key }) {
            try queued.forEachStoredBatch { (mail) throws(StorageError) in
                encoder.removeAll()
                encoder.writeByte(SnapshotTag.mail.rawValue)
                encoder.writeVarInt(id)
                encoder.write(mail)
                try writer.append(encoder.bytes)
                return true
            }
        }
    }
}
