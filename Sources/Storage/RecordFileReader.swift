import Glibc

/// Random-access, read-only view of a record file written by `RecordLog`: verifies the header once, then reads
/// single frames by offset with `pread`. Safe from any thread; for pages of a finished results file.
public final class RecordFileReader: Sendable {
    /// The file's path.
    public let path: String
    private let fd: Int32

    /// Opens `path` and checks its header. Throws when missing, foreign, or of another type or version.
    public init(path: String, header: RecordFileHeader) throws(StorageError) {
        let fd = try FileSystem.open(path, flags: O_RDONLY)
        do throws(StorageError) {
            try header.verify(try FileSystem.read(fd, count: RecordFileHeader.size, at: 0, path: path), path: path)
        } catch {
            FileSystem.close(fd)
            throw error
        }
        self.path = path
        self.fd = fd
    }

    deinit { FileSystem.close(fd) }

    /// The payload of the frame at `offset`, verified; throws `StorageError.corrupt` with the offset otherwise.
    public func read(at offset: Int64) throws(StorageError) -> [UInt8] {
        var bytes = try FileSystem.read(fd, count: 512, at: offset, path: path)
        if bytes.count >= 8 {
            let length = bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
            if length + 8 > bytes.count && length <= RecordLog.maximumRecordLength && bytes.count == 512 {
                bytes += try FileSystem.read(fd, count: length + 8 - 512, at: offset + 512, path: path)
            }
        }
        return try RecordLog.decodeFrame(bytes, offset: offset, path: path)
    }

    /// Reads and verifies the records whose frames start at `offsets`, in that order. Offsets that rise in small
    /// steps, as a page of an index does, share one read of the bytes they span (at most `maxBatchSpan`, gaps of
    /// at most `maxBatchGap`) instead of a read each: a page of results is one `pread`, not one per row. Throws as
    /// `read(at:)` does.
    public func read(at offsets: [Int64]) throws(StorageError) -> [[UInt8]] {
        var records: [[UInt8]] = []
        records.reserveCapacity(offsets.count)
        var first = 0
        while first < offsets.count {
            var last = first
            while last + 1 < offsets.count, offsets[last + 1] > offsets[last],
                offsets[last + 1] - offsets[last] <= Self.maxBatchGap,
                offsets[last + 1] - offsets[first] <= Self.maxBatchSpan
            {
                last += 1
            }
            let start = offsets[first]
            let bytes = try FileSystem.read(fd, count: Int(offsets[last] - start) + 512, at: start, path: path)
            for index in first...last {
                let local = Int(offsets[index] - start)
                if let record = try Self.wholeFrame(in: bytes, at: local, offset: offsets[index], path: path) {
                    records.append(record)
                } else {
                    records.append(try read(at: offsets[index]))
                }
            }
            first = last + 1
        }
        return records
    }

    /// The widest span of frames one batched read covers.
    static let maxBatchSpan: Int64 = 1 << 20
    /// The widest gap between neighbouring frames a batched read reads through.
    static let maxBatchGap: Int64 = 64 << 10

    /// The verified payload of the frame at `local` in `bytes` (read from file offset `offset`), or nil when the
    /// frame does not lie wholly in `bytes` (the caller reads it alone).
    private static func wholeFrame(in bytes: [UInt8], at local: Int, offset: Int64, path: String) throws(StorageError)
        -> [UInt8]?
    {
        guard local + 8 <= bytes.count else { return nil }
        return try bytes.withBytes { (raw) throws(StorageError) -> [UInt8]? in
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: local, as: UInt32.self)))
            guard length <= RecordLog.maximumRecordLength, local + 8 + length <= raw.count else { return nil }
            let frame = UnsafeRawBufferPointer(rebasing: raw[local..<local + 8 + length])
            return try RecordLog.decodeFrame(frame, offset: offset, path: path)
        }
    }

    /// Reads `count` raw bytes at `offset` (fewer at end of file); for fixed-layout index sections.
    public func readRaw(count: Int, at offset: Int64) throws(StorageError) -> [UInt8] {
        try FileSystem.read(fd, count: count, at: offset, path: path)
    }
}
