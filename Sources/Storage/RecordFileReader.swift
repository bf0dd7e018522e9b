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

    /// Reads `count` raw bytes at `offset` (fewer at end of file); for fixed-layout index sections.
    public func readRaw(count: Int, at offset: Int64) throws(StorageError) -> [UInt8] {
        try FileSystem.read(fd, count: count, at: offset, path: path)
    }
}
