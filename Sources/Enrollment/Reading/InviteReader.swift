/// Reads a bulk-invite file as it streams by: decodes the text and yields each entry with its line.
///
/// Accepts the encodings of `TextDecoder` and the separators of `AddressSplitter`. Throws `FileRefusal` for a
/// file refused whole: not text, empty, an entry too long, more than `maxRows` entries, and, at `finish`, a file
/// without a single entry (`.noAddresses`). One owner; not thread-safe.
public struct InviteReader: ChunkFedReader {
    /// One entry of the file: a would-be address, not yet validated.
    public struct Entry: Sendable, Equatable {
        /// 1-based line the entry is on.
        public var rowNumber: Int
        /// The entry as written (separators never belong to it).
        public var address: String

        /// An entry on `rowNumber`.
        public init(rowNumber: Int, address: String) {
            self.rowNumber = rowNumber
            self.address = address
        }
    }

    /// The limits applied (the file-size limit is the caller's).
    public let limits: ReadingLimits
    /// Entries yielded so far.
    public var entryCount: Int { counter.count }

    private var decoder = TextDecoder()
    private var splitter: AddressSplitter
    private var counter: Counter

    /// A reader for one file.
    public init(limits: ReadingLimits = ReadingLimits()) {
        self.limits = limits
        splitter = AddressSplitter(maxEntryBytes: limits.maxRecordBytes)
        counter = Counter(count: 0, limit: limits.maxRows)
    }

    /// Consumes the next chunk of the file, calling `onEntry` for each entry it completes.
    public mutating func feed(
        _ chunk: UnsafeBufferPointer<UInt8>, _ onEntry: (consuming Entry) throws(FileRefusal) -> Void
    )
        throws(FileRefusal)
    {
        try decoder.decode(chunk) { (text) throws(FileRefusal) in
            try splitter.feed(text) { (address, line) throws(FileRefusal) in
                try counter.take(address, line, onEntry)
            }
        }
    }

    /// Ends the file; throws `FileRefusal.empty`, or `.noAddresses` when no entry was found.
    public mutating func finish(_ onEntry: (consuming Entry) throws(FileRefusal) -> Void) throws(FileRefusal) {
        try decoder.finish { (text) throws(FileRefusal) in
            try splitter.feed(text) { (address, line) throws(FileRefusal) in try counter.take(address, line, onEntry) }
        }
        try splitter.finish { (address, line) throws(FileRefusal) in try counter.take(address, line, onEntry) }
        if counter.count == 0 { throw .noAddresses }
    }

    /// Counts entries against the limit; apart from the decoder and splitter, whose callbacks reach it.
    private struct Counter {
        var count: Int
        let limit: Int

        mutating func take(_ address: String, _ line: Int, _ onEntry: (consuming Entry) throws(FileRefusal) -> Void)
            throws(FileRefusal)
        {
            count += 1
            if count > limit { throw .tooManyRows(limit: limit, line: line) }
            try onEntry(Entry(rowNumber: line, address: address))
        }
    }
}
