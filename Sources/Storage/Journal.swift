import Synchronization

/// A durable state log that stays short: numbered `RecordLog` segments (`<name>-<n>.log`) plus one snapshot
/// (`<name>.snapshot`) recording the state up to and including some segment.
///
/// Start-up loads the snapshot, then replays only the segments after the one it covers. `compact` starts a new
/// segment, writes a snapshot covering the old ones and deletes them. One writer appends; `sync` may be called
/// from any thread (group commit, see `RecordLog.sync()`).
public final class Journal: Sendable {
    /// The file names of a journal called `name`.
    public struct Layout: Sendable {
        /// The folder holding the files.
        public let directory: String
        /// The common prefix, e.g. "journal".
        public let name: String

        /// Creates the layout of journal `name` in `directory`.
        public init(directory: String, name: String) {
            self.directory = directory
            self.name = name
        }

        /// The path of segment `number`.
        public func segmentPath(_ number: UInt64) -> String {
            let digits = String(number)
            return directory + "/" + name + "-" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
                + ".log"
        }

        /// The path of the snapshot.
        public var snapshotPath: String { directory + "/" + name + ".snapshot" }

        /// The numbers of the segments present, ascending.
        public func segmentNumbers() throws(StorageError) -> [UInt64] {
            let prefix = name + "-"
            return try FileSystem.contents(of: directory).compactMap { file -> UInt64? in
                guard file.hasPrefix(prefix), file.hasSuffix(".log") else { return nil }
                return UInt64(file.dropFirst(prefix.count).dropLast(4))
            }.sorted()
        }
    }

    /// The segment being appended to.
    struct Current {
        var log: RecordLog
        var number: UInt64
    }

    /// Where the files are.
    public let layout: Layout
    /// Header of every segment.
    let segmentHeader: RecordFileHeader
    /// Header of the snapshot.
    let snapshotHeader: RecordFileHeader
    /// Where recovery notes go.
    let log: @Sendable (String) -> Void
    /// The current segment; swapped by `compact`.
    let current: Mutex<Current>

    /// Wires an opened journal; see `open`.
    init(
        layout: Layout, segmentHeader: RecordFileHeader, snapshotHeader: RecordFileHeader, current: Current,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.layout = layout
        self.segmentHeader = segmentHeader
        self.snapshotHeader = snapshotHeader
        self.current = Mutex(current)
        self.log = log
    }

    /// The number of the segment being appended to.
    public var currentSegment: UInt64 { current.withLock { $0.number } }

    /// Bytes in the segment being appended to (a hint for when to `compact`).
    public var currentSegmentSize: Int64 { current.withLock { $0.log.endOffset } }

    /// Where a record sits: its segment, and its frame's offset in that segment's file.
    public struct Position: Sendable, Hashable {
        public let segment: UInt64
        public let offset: Int64

        public init(segment: UInt64, offset: Int64) {
            self.segment = segment
            self.offset = offset
        }
    }

    /// Appends one record to the current segment (buffered; durable after `sync()`); returns where it sits.
    @discardableResult
    public func append(_ payload: [UInt8]) throws(StorageError) -> Position {
        try payload.withBytes { (raw) throws(StorageError) -> Position in try append(raw) }
    }

    /// Appends one record from borrowed bytes to the current segment (buffered; durable after `sync()`); returns
    /// where it sits.
    @discardableResult
    public func append(_ payload: UnsafeRawBufferPointer) throws(StorageError) -> Position {
        try current.withLock { (current) throws(StorageError) -> Position in
            Position(segment: current.number, offset: try current.log.append(payload))
        }
    }

    /// The record at `position`, verified: from the current segment (appended or not yet written) or an older one
    /// still present. Throws when its segment is gone (`compact` deletes the segments a snapshot covers, so a
    /// caller keeping positions must hold compaction off) or the frame is damaged.
    public func read(at position: Position) throws(StorageError) -> [UInt8] {
        let log = current.withLock { $0.number == position.segment ? $0.log : nil }
        if let log { return try log.read(at: position.offset) }
        let reader = try RecordFileReader(path: layout.segmentPath(position.segment), header: segmentHeader)
        return try reader.read(at: position.offset)
    }

    /// Makes every record appended so far durable; concurrent callers share one `fsync`.
    public func sync() throws(StorageError) {
        let log = current.withLock { $0.log }
        try log.sync()
    }

    /// Syncs and closes the current segment.
    public func close() {
        current.withLock { $0.log.close() }
    }
}
