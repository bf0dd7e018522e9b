import Storage

/// The mail of one operation, kept as the journal's encoded entries rather than as `MailIntent` values, and for a
/// run's own mail not even in memory: where each of its `changes` entries holding mail sits in the journal, read
/// back when the outbox takes it. A million-row import's invitations held as values were 72 MB of intents plus
/// the strings they kept alive, and as the entries' bytes still 43 MB, faulted in while the import ran. Entries
/// are decoded only when the outbox takes the mail, one at a time.
///
/// Positions stay readable while their journal segment does: the repository holds compaction off while any
/// operation's mail is in the journal (see `EnrollmentRepository.compactIfNeeded`).
public struct QueuedMail: Sendable {
    /// A whole `mail` or `changes` entry holding mail (see `JournalEntry.decodeMail`).
    enum Entry: Sendable {
        /// Held in memory (snapshots, and journals from before mail chunks, carry mail decoded).
        case bytes(JournalChunk.Sealed)
        /// In the journal, to be read back.
        case journal(Journal.Position)
    }

    private var entries: [Entry] = []
    /// The intents in all entries.
    public private(set) var count = 0
    /// Where `.journal` entries are read from; the repository sets it when it hands the mail out.
    var journal: Journal?

    init() {}

    /// `intents` encoded as one entry held in memory.
    init(_ intents: [MailIntent], operationID: Int64) {
        guard !intents.isEmpty else { return }
        var writer = RecordWriter(capacity: 64 * intents.count)
        JournalEntry.mail(operationID: operationID, intents).encode(into: &writer)
        append(.bytes(JournalChunk.Sealed(bytes: writer.bytes, start: 0)), count: intents.count)
    }

    /// The entries holding mail written to the journal at these positions, with their counts.
    init(inJournal entries: [(position: Journal.Position, count: Int)]) {
        for (position, count) in entries { append(.journal(position), count: count) }
    }

    public var isEmpty: Bool { count == 0 }

    /// Whether some entry is in the journal (and its segment must therefore stay).
    var isInJournal: Bool {
        entries.contains { if case .journal = $0 { true } else { false } }
    }

    /// Adds an entry holding `count` intents.
    mutating func append(_ entry: Entry, count: Int) {
        entries.append(entry)
        self.count += count
    }

    /// Adds the entries of `other` after these.
    mutating func append(contentsOf other: QueuedMail) {
        entries += other.entries
        count += other.count
    }

    /// The intents, in the order they were queued.
    public var intents: [MailIntent] {
        get throws(StorageError) {
            var intents: [MailIntent] = []
            intents.reserveCapacity(count)
            try forEachStoredBatch { batch in
                intents += batch
                return true
            }
            return intents
        }
    }

    /// Calls `body` with the intents in order, one journal entry's worth (at most `JournalEntry.changesPerRecord`)
    /// at a time, so a million queued messages are never all decoded at once; stops when `body` returns false.
    /// Returns whether every batch was given. Throws what `body` throws, and `StorageError` when an entry cannot
    /// be read back from the journal.
    @discardableResult
    public func forEachBatch(_ body: ([MailIntent]) throws -> Bool) throws -> Bool {
        var failure: (any Error)?
        let isComplete = try forEachStoredBatch { batch in
            do { return try body(batch) } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return isComplete
    }

    /// `forEachBatch` for a body that throws only `StorageError`.
    @discardableResult
    func forEachStoredBatch(_ body: ([MailIntent]) throws(StorageError) -> Bool) throws(StorageError) -> Bool {
        for entry in entries {
            guard try body(try decode(entry)) else { return false }
        }
        return true
    }

    /// The intents of `entry`. (Entries were checked when written or replayed: one that does not decode is
    /// damage found since, reported as such.)
    private func decode(_ entry: Entry) throws(StorageError) -> [MailIntent] {
        let sealed: JournalChunk.Sealed
        switch entry {
        case .bytes(let bytes): sealed = bytes
        case .journal(let position):
            guard let journal else { preconditionFailure("mail in the journal is read through the repository") }
            sealed = JournalChunk.Sealed(bytes: try journal.read(at: position), start: 0)
        }
        // `withUnsafeBytes` rethrows `any Error`; the `Result` keeps the error's type.
        return try sealed.bytes.withUnsafeBytes { raw in
            Result { () throws(StorageError) -> [MailIntent] in
                var reader = RecordReader(UnsafeRawBufferPointer(rebasing: raw[sealed.start...]))
                return try JournalEntry.decodeMail(&reader)
            }
        }.get()
    }
}
