/// Bytes gathered for a file, appended in place: `append(count:_:)` hands out memory to write into without
/// clearing it first, where `[UInt8]` can only grow by appending values (zeros, then overwritten). One owner.
struct WriteBuffer: ~Copyable, @unchecked Sendable {
    // `@unchecked`: the memory is reached only through this value, which cannot be copied, so whoever holds the
    // value holds the bytes.
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The bytes appended so far.
    private(set) var count = 0

    /// An empty buffer with room for `capacity` bytes before it grows.
    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// Appends `count` bytes that `body` writes (all of them) at the pointer it gets.
    mutating func append(count added: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        reserve(added)
        body(start + count)
        count += added
    }

    /// Appends a copy of `bytes`.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        append(count: bytes.count) { UnsafeMutableRawPointer($0).copyMemory(from: source, byteCount: bytes.count) }
    }

    /// Forgets the bytes, keeping the memory.
    mutating func removeAll() { count = 0 }

    /// Calls `body` with the bytes from `offset` on.
    func withBytes<Result, Failure: Error>(
        from offset: Int = 0, _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        precondition(offset >= 0 && offset <= count, "an offset inside the buffer")
        return try body(UnsafeRawBufferPointer(start: start + offset, count: count - offset))
    }

    /// Makes room for `added` more bytes, doubling the memory when it must grow.
    private mutating func reserve(_ added: Int) {
        guard capacity - count < added else { return }
        let grown = Swift.max(count + added, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = grown
    }
}
