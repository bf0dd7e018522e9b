/// Writes a new file sequentially through a memory buffer; used by `AtomicFile` for large files (snapshots,
/// indexes). Not thread-safe: one owner.
public struct BufferedFileWriter {
    /// Bytes gathered before each `pwrite`.
    public static let bufferSize = 1 << 20

    /// The file being written.
    let fd: Int32
    /// The path being written (the temporary file).
    public let path: String
    private var buffer: [UInt8] = []
    /// Bytes written so far, buffered or not.
    public private(set) var offset: Int64 = 0

    /// Writes to `fd` from offset 0.
    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Appends raw bytes.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
        if buffer.count + bytes.count > Self.bufferSize { try flush() }
        if bytes.count >= Self.bufferSize {
            try FileSystem.write(fd, bytes, at: offset, path: path)
            FileSystem.startWriteback(fd, offset: offset, count: bytes.count)
        } else {
            buffer.append(contentsOf: bytes)
        }
        offset += Int64(bytes.count)
    }

    /// Appends a byte array.
    public mutating func write(_ bytes: [UInt8]) throws(StorageError) {
        try bytes.withBytes { (raw) throws(StorageError) in try write(raw) }
    }

    /// Appends one frame `[length u32][crc32c u32][payload]`, as `RecordLog` writes them.
    public mutating func writeFrame(_ payload: [UInt8]) throws(StorageError) {
        guard payload.count <= RecordLog.maximumRecordLength else {
            throw .recordTooLarge(length: payload.count, limit: RecordLog.maximumRecordLength)
        }
        let header = payload.withUnsafeBytes { FrameScanner.frameHeader(for: $0) }
        var prefix = RecordWriter(capacity: 8)
        prefix.writeUInt32(header.length)
        prefix.writeUInt32(header.crc)
        try write(prefix.bytes)
        try write(payload)
    }

    /// Writes the buffered bytes to the file.
    public mutating func flush() throws(StorageError) {
        if buffer.isEmpty { return }
        let start = offset - Int64(buffer.count)
        try buffer.withBytes { (raw) throws(StorageError) in try FileSystem.write(fd, raw, at: start, path: path) }
        FileSystem.startWriteback(fd, offset: start, count: buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}
