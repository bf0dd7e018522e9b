import Storage

/// A `changes` or `mail` journal entry built one item at a time while a run stages them: each item is encoded
/// straight into one reused buffer, behind room left for the entry's head (tag, operation, count), which `seal`
/// fills in. The bytes are those `JournalEntry.encode` makes for the whole list; no array of items is kept.
struct JournalChunk: Sendable {
    /// Room for the head: a tag byte and two varints of at most 10 bytes.
    static let headRoom = 21

    /// The entry's tag (`JournalEntry.changesTag` or `.mailTag`).
    let tag: UInt8
    /// The operation the items belong to.
    let operationID: Int64
    /// Items added since the last `reset`.
    private(set) var count = 0
    /// Head room, then the encoded items.
    private var writer: RecordWriter

    /// An empty chunk with room for about `capacity` bytes of items.
    init(tag: UInt8, operationID: Int64, capacity: Int = 1 << 16) {
        self.tag = tag
        self.operationID = operationID
        writer = RecordWriter(capacity: Self.headRoom + capacity)
        leaveHeadRoom()
    }

    /// The bytes written so far, head room included.
    var byteCount: Int { writer.bytes.count }

    /// Whether no item was added since the last `reset`.
    var isEmpty: Bool { count == 0 }

    /// Adds one item, which `encode` appends to the writer it is given; returns where the item starts (for
    /// `amendLastItem`).
    @discardableResult
    mutating func add(_ encode: (inout RecordWriter) -> Void) -> Int {
        let start = writer.bytes.count
        encode(&writer)
        count += 1
        return start
    }

    /// Calls `body` with the bytes of the items from the one that starts at `start` on (the last item's, for the
    /// last start `add` returned).
    func withItems<Result>(from start: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        writer.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start...])) }
    }

    /// Gives the last item added, which starts at `start`, the tag `tag` (its first byte) and appends what
    /// `encode` writes to it; the item count stays.
    mutating func amendLastItem(at start: Int, tag: UInt8, _ encode: (inout RecordWriter) -> Void) {
        precondition(count > 0 && start >= Self.headRoom && start < writer.bytes.count, "an item of this chunk")
        writer.overwrite(at: start, with: tag)
        encode(&writer)
    }

    /// Writes the head in front of the items and calls `body` with the whole entry's payload; returns its result.
    mutating func seal<Value, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let start = writeHead()
        // `withUnsafeBytes` rethrows `any Error`; the `Result` keeps the error's type.
        return try writer.bytes.withUnsafeBytes { raw in
            Result { () throws(Failure) -> Value in try body(UnsafeRawBufferPointer(rebasing: raw[start...])) }
        }.get()
    }

    /// A sealed entry handed over whole: its payload is `bytes[start...]`.
    struct Sealed: Sendable {
        let bytes: [UInt8]
        let start: Int

        /// Appends the payload to `journal` (buffered, not synced); returns where it sits.
        @discardableResult
        func append(to journal: Journal) throws(StorageError) -> Journal.Position {
            // `withUnsafeBytes` rethrows `any Error`; the `Result` keeps the error's type.
            try bytes.withUnsafeBytes { raw in
                Result { () throws(StorageError) -> Journal.Position in
                    try journal.append(UnsafeRawBufferPointer(rebasing: raw[start...]))
                }
            }.get()
        }
    }

    /// Seals the entry and hands over its buffer without copying it, going on in `spare`'s memory (a buffer
    /// handed over earlier and written) or, without one, a new buffer; the chunk is empty afterwards.
    mutating func take(replacingWith spare: consuming [UInt8]?) -> Sealed {
        let start = writeHead()
        let bytes = writer.exchangeStorage(spare ?? [])
        leaveHeadRoom()
        count = 0
        return Sealed(bytes: bytes, start: start)
    }

    /// Starts an empty buffer with the head room.
    private mutating func leaveHeadRoom() {
        writer.writeRaw([UInt8](repeating: 0, count: Self.headRoom))
    }

    /// Writes the head right-aligned in the head room; returns where it starts.
    private mutating func writeHead() -> Int {
        var head = RecordWriter(capacity: Self.headRoom)
        head.writeByte(tag)
        head.writeVarInt(operationID)
        head.writeCount(count)
        let start = Self.headRoom - head.bytes.count
        writer.overwrite(at: start, with: head.bytes)
        return start
    }

    /// Empties the chunk for the next items, keeping its storage.
    mutating func reset() {
        writer.removeAll(keepingFirst: Self.headRoom)
        count = 0
    }
}
