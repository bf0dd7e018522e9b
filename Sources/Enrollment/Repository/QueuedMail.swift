import Storage

/// The mail of one operation, kept as the journal's encoded `mail` entries rather than as `MailIntent` values:
/// a million-row import's invitations held as values were 72 MB of intents plus the strings they kept alive, and
/// building that array cost the thread applying the rules more than encoding the entries did. The entries the run
/// wrote to the journal are the same bytes, so keeping them costs no second encoding; they are decoded only when
/// the outbox takes the mail.
public struct QueuedMail: Sendable {
    /// Whole `mail` entry payloads (tag, operation, count, intents), each valid from `start`.
    private var entries: [JournalChunk.Sealed] = []
    /// The intents in all entries.
    public private(set) var count = 0

    init() {}

    /// `intents` encoded as one entry (snapshots and journals from before mail chunks carry them decoded).
    init(_ intents: [MailIntent], operationID: Int64) {
        guard !intents.isEmpty else { return }
        var writer = RecordWriter(capacity: 64 * intents.count)
        JournalEntry.mail(operationID: operationID, intents).encode(into: &writer)
        append(JournalChunk.Sealed(bytes: writer.bytes, start: 0), count: intents.count)
    }

    public var isEmpty: Bool { count == 0 }

    /// Adds a sealed `mail` entry holding `count` intents.
    mutating func append(_ entry: JournalChunk.Sealed, count: Int) {
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
        var intents: [MailIntent] = []
        intents.reserveCapacity(count)
        forEachBatch { batch in
            intents += batch
            return true
        }
        return intents
    }

    /// Calls `body` with the intents in order, one journal entry's worth (at most `JournalEntry.mailPerRecord`)
    /// at a time, so a million queued messages are never all decoded at once; stops when `body` returns false.
    /// Returns whether every batch was given. (Entries were checked when written or replayed, so decoding does
    /// not fail.)
    @discardableResult
    public func forEachBatch<Failure: Error>(_ body: ([MailIntent]) throws(Failure) -> Bool) throws(Failure) -> Bool {
        for entry in entries {
            let batch = entry.bytes.withUnsafeBytes { raw in
                var reader = RecordReader(UnsafeRawBufferPointer(rebasing: raw[entry.start...]))
                guard case .mail(_, let decoded)? = try? JournalEntry.decode(&reader) else {
                    preconditionFailure("a queued mail entry decodes")
                }
                return decoded
            }
            guard try body(batch) else { return false }
        }
        return true
    }
}
