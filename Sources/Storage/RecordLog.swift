import Glibc
import Synchronization

/// An append-only file of checksummed records: a `RecordFileHeader`, then frames `[length u32][crc32c u32][payload]`.
///
/// One writer appends; appends are buffered in memory and written in large pieces. `sync()` makes everything
/// appended so far durable with one `fsync` shared by every caller waiting at the same time (group commit).
/// `read(at:)` may be called from any thread, also while the writer appends. Open it with `open`, which verifies
/// every frame and cuts off a torn or corrupt tail.
public final class RecordLog: Sendable {
    /// The largest payload accepted (256 MiB); a frame claiming more is treated as damage.
    public static let maximumRecordLength = 256 << 20
    /// Appended bytes are written to the file once the buffer holds this many.
    public static let writeBufferSize = 256 << 10

    /// The descriptor and the appended bytes not yet written, guarded by `state`.
    struct State: ~Copyable {
        var fd: Int32
        var buffer = WriteBuffer(capacity: RecordLog.writeBufferSize + 4096)
        /// File offset where `buffer` starts: everything before it is written to the file.
        var flushedEnd: Int64
        var isClosed = false

        var appendedEnd: Int64 { flushedEnd + Int64(buffer.count) }

        mutating func flush(path: String) throws(StorageError) {
            if buffer.isEmpty { return }
            try buffer.withBytes { (raw) throws(StorageError) in
                try FileSystem.write(fd, raw, at: flushedEnd, path: path)
            }
            // Written back from now on, while the writer goes on: the `fsync` of a commit then waits for the
            // last pieces only, not for everything a long run appended. Best effort: `sync` decides.
            FileSystem.startWriteback(fd, offset: flushedEnd, count: buffer.count)
            flushedEnd += Int64(buffer.count)
            buffer.removeAll()
        }
    }

    /// The file's path.
    public let path: String
    /// The content version in the file's header (an older one than the caller writes, when it still reads it).
    public let contentVersion: UInt32
    /// Guards appends, flushes and reads of the unwritten tail.
    let state: Mutex<State>
    /// The offset known durable; held while an `fsync` runs so concurrent `sync()` calls queue behind it.
    let durableEnd: Mutex<Int64>

    /// Wraps an opened, verified file ending at `end`, of `contentVersion`; see `open`.
    init(path: String, fd: Int32, end: Int64, contentVersion: UInt32) {
        self.path = path
        self.contentVersion = contentVersion
        state = Mutex(State(fd: fd, flushedEnd: end))
        durableEnd = Mutex(end)
    }

    deinit { close() }

    /// The offset just past the last appended record (durable or not).
    public var endOffset: Int64 { state.withLock { $0.appendedEnd } }

    /// Appends one record and returns the offset of its frame. Buffered: durable only after `sync()`.
    @discardableResult
    public func append(_ payload: [UInt8]) throws(StorageError) -> Int64 {
        try payload.withBytes { (raw) throws(StorageError) -> Int64 in try append(raw) }
    }

    /// Appends one record from borrowed bytes and returns the offset of its frame.
    @discardableResult
    public func append(_ payload: UnsafeRawBufferPointer) throws(StorageError) -> Int64 {
        guard payload.count <= Self.maximumRecordLength else {
            throw .recordTooLarge(length: payload.count, limit: Self.maximumRecordLength)
        }
        let header = FrameScanner.frameHeader(for: payload)
        let path = path
        return try state.withLock { (state) throws(StorageError) -> Int64 in
            guard !state.isClosed else { throw .closed(path: path) }
            let offset = state.appendedEnd
            withUnsafeBytes(of: header.length.littleEndian) { state.buffer.append($0) }
            withUnsafeBytes(of: header.crc.littleEndian) { state.buffer.append($0) }
            state.buffer.append(payload)
            if state.buffer.count >= Self.writeBufferSize { try state.flush(path: path) }
            return offset
        }
    }

    /// Appends one record of `size` bytes that `body` encodes straight into the write buffer (no payload built
    /// elsewhere and copied), and returns the offset of its frame.
    @discardableResult
    public func append(size: Int, _ body: (inout FieldEncoder) -> Void) throws(StorageError) -> Int64 {
        guard size <= Self.maximumRecordLength else {
            throw .recordTooLarge(length: size, limit: Self.maximumRecordLength)
        }
        let path = path
        return try state.withLock { (state) throws(StorageError) -> Int64 in
            guard !state.isClosed else { throw .closed(path: path) }
            let offset = state.appendedEnd
            state.buffer.append(count: 8 + size) { frame in
                FieldEncoder.fill(frame + 8, size: size, body)
                let header = FrameScanner.frameHeader(for: UnsafeRawBufferPointer(start: frame + 8, count: size))
                let raw = UnsafeMutableRawPointer(frame)
                raw.storeBytes(of: header.length.littleEndian, as: UInt32.self)
                raw.storeBytes(of: header.crc.littleEndian, toByteOffset: 4, as: UInt32.self)
            }
            if state.buffer.count >= Self.writeBufferSize { try state.flush(path: path) }
            return offset
        }
    }

    /// Appends one record and, when `durable`, returns only after it is on stable storage (see `sync()`).
    @discardableResult
    public func append(_ payload: [UInt8], durable: Bool) throws(StorageError) -> Int64 {
        let offset = try append(payload)
        if durable { try sync() }
        return offset
    }

    /// Makes every record appended before the call durable. Callers arriving while an `fsync` runs wait for it,
    /// then find their records covered by it or share the next one: one `fsync` serves them all.
    public func sync() throws(StorageError) {
        let target = state.withLock { $0.appendedEnd }
        let path = path
        try durableEnd.withLock { (durable) throws(StorageError) in
            if durable >= target { return }
            let (fd, end) = try state.withLock { (state) throws(StorageError) -> (Int32, Int64) in
                guard !state.isClosed else { throw .closed(path: path) }
                try state.flush(path: path)
                return (state.fd, state.flushedEnd)
            }
            try FileSystem.sync(fd, path: path)
            durable = end
        }
    }

    /// Reads and verifies the record whose frame starts at `offset` (as returned by `append`), durable or not.
    public func read(at offset: Int64) throws(StorageError) -> [UInt8] {
        let path = path
        return try state.withLock { (state) throws(StorageError) -> [UInt8] in
            guard !state.isClosed else { throw .closed(path: path) }
            if offset >= state.flushedEnd {
                let local = Int(offset - state.flushedEnd)
                return try state.buffer.withBytes(from: local) { (tail) throws(StorageError) in
                    try Self.decodeFrame(tail, offset: offset, path: path)
                }
            }
            var head = try FileSystem.read(state.fd, count: 4096, at: offset, path: path)
            if head.count >= 8 {
                let length = head.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
                if length + 8 > head.count && length <= Self.maximumRecordLength {
                    let rest = try FileSystem.read(
                        state.fd, count: length + 8 - head.count, at: offset + Int64(head.count), path: path)
                    head.append(contentsOf: rest)
                    if head.count < length + 8, offset + Int64(head.count) >= state.flushedEnd {
                        let more = min(state.buffer.count, length + 8 - head.count)
                        state.buffer.withBytes { head.append(contentsOf: $0.prefix(more)) }
                    }
                }
            }
            return try Self.decodeFrame(head, offset: offset, path: path)
        }
    }

    /// Checks the frame at the start of `bytes` and returns its payload.
    static func decodeFrame(_ bytes: [UInt8], offset: Int64, path: String) throws(StorageError) -> [UInt8] {
        try bytes.withBytes { (raw) throws(StorageError) in try decodeFrame(raw, offset: offset, path: path) }
    }

    /// `decodeFrame` over borrowed bytes that start with the frame (and may go on past it).
    static func decodeFrame(_ bytes: UnsafeRawBufferPointer, offset: Int64, path: String) throws(StorageError)
        -> [UInt8]
    {
        guard bytes.count >= 8 else { throw .corrupt(path: path, offset: offset, reason: "frame header cut short") }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self)))
        let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        guard length <= bytes.count - 8 else { throw .corrupt(path: path, offset: offset, reason: "frame cut short") }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[8..<8 + length])
        guard FrameScanner.frameHeader(for: payload).crc == stored else {
            throw .corrupt(path: path, offset: offset, reason: "checksum mismatch")
        }
        return [UInt8](payload)
    }

    /// Writes any buffered records, syncs them (best effort) and closes the file. Idempotent.
    public func close() {
        let path = path
        state.withLock { state in
            if state.isClosed { return }
            try? state.flush(path: path)
            try? FileSystem.sync(state.fd, path: path)
            FileSystem.close(state.fd)
            state.isClosed = true
        }
    }
}
