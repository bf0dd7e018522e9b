import Glibc

/// A snapshot: a record file (`RecordFileHeader` + frames) written atomically, whose last frame is an end
/// marker holding the number of data frames, so a snapshot cut short is recognised as damaged.
///
/// Each frame's payload starts with a tag byte: `0` data, `1` end marker (then the data-frame count, u64).
public enum SnapshotFile {
    /// Writes a snapshot to `path` atomically (see `AtomicFile`); `body` adds data records with `SnapshotWriter`.
    public static func write(
        path: String, header: RecordFileHeader, _ body: (inout SnapshotWriter) throws(StorageError) -> Void
    ) throws(StorageError) {
        try AtomicFile.write(path: path) { (file) throws(StorageError) in
            try file.write(header.bytes)
            var writer = SnapshotWriter(file: file)
            try body(&writer)
            var end = RecordWriter(capacity: 9)
            end.writeByte(1)
            end.writeUInt64(UInt64(writer.count))
            try writer.file.writeFrame(end.bytes)
            file = writer.file
        }
    }

    /// Reads the snapshot at `path`, passing each data record to `body` in order. Throws
    /// `StorageError.corrupt` (with the offset) when any frame fails or the end marker is missing or wrong.
    public static func read(
        path: String, header: RecordFileHeader, _ body: (UnsafeRawBufferPointer) throws(StorageError) -> Void
    ) throws(StorageError) {
        var count: UInt64 = 0
        var ended = false
        var endOffset: Int64 = 0
        let result = try RecordLog.verify(path: path, header: header) { (payload, offset) throws(StorageError) in
            guard !ended else { throw .corrupt(path: path, offset: offset, reason: "data after the end marker") }
            guard let tag = payload.first else {
                throw .corrupt(path: path, offset: offset, reason: "empty snapshot frame")
            }
            if tag == 1 {
                var reader = RecordReader(payload)
                _ = try reader.readByte()
                guard try reader.readUInt64() == count else {
                    throw .corrupt(path: path, offset: offset, reason: "end marker count differs from the frames")
                }
                ended = true
                endOffset = offset
            } else {
                count += 1
                try body(UnsafeRawBufferPointer(rebasing: payload[1...]))
            }
        }
        if case .damaged(let offset, let reason) = result.outcome {
            throw .corrupt(path: path, offset: offset, reason: reason)
        }
        guard ended else { throw .corrupt(path: path, offset: result.size, reason: "end marker missing") }
        _ = endOffset
    }
}

/// Adds data records to a snapshot being written by `SnapshotFile.write`.
public struct SnapshotWriter {
    /// The snapshot file being written.
    var file: BufferedFileWriter
    /// Data records written so far.
    public private(set) var count = 0
    private var scratch: [UInt8] = []

    /// Writes to `file`.
    init(file: BufferedFileWriter) { self.file = file }

    /// Appends one data record.
    public mutating func append(_ payload: [UInt8]) throws(StorageError) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(0)
        scratch.append(contentsOf: payload)
        try file.writeFrame(scratch)
        count += 1
    }
}
