import Glibc

extension RecordLog {
    /// Opens (or creates) the log at `path`, passing every whole, verified record to `replay` in order with its
    /// frame offset, and returns the log ready for appends at the end of the last good record.
    ///
    /// A torn or corrupt tail (a frame cut short or failing its checksum, as a crash mid-append leaves) is cut off
    /// with `ftruncate` + `fsync` and reported through `log` with its byte offset; every record before it loads.
    /// A file shorter than a header is treated as a torn creation and started afresh. Throws when the header is
    /// foreign, corrupt, of another type or version, on I/O errors, and whatever `replay` throws.
    public static func open(
        path: String, header: RecordFileHeader, log: @Sendable (String) -> Void,
        replay: (UnsafeRawBufferPointer, Int64) throws(StorageError) -> Void = { _, _ in }
    ) throws(StorageError) -> RecordLog {
        let fd = try FileSystem.open(path, flags: O_RDWR | O_CREAT)
        do throws(StorageError) {
            let size = try FileSystem.size(fd, path: path)
            let start = Int64(RecordFileHeader.size)
            if size < start {
                if size > 0 { log("Record log \(path): header cut short at \(size) bytes; started afresh.") }
                try FileSystem.truncate(fd, to: 0, path: path)
                try header.bytes.withBytes { (raw) throws(StorageError) in
                    try FileSystem.write(fd, raw, at: 0, path: path)
                }
                try FileSystem.sync(fd, path: path)
                try FileSystem.syncDirectory(FileSystem.directoryName(of: path))
                return RecordLog(path: path, fd: fd, end: start, contentVersion: header.contentVersion)
            }
            let version = try header.verify(
                try FileSystem.read(fd, count: RecordFileHeader.size, at: 0, path: path), path: path)
            let outcome = try FrameScanner.scan(fd: fd, path: path, from: start, to: size, replay)
            if case .damaged(let offset, let reason) = outcome {
                try FileSystem.truncate(fd, to: offset, path: path)
                try FileSystem.sync(fd, path: path)
                log(
                    "Record log \(path): \(reason) at byte offset \(offset); cut off \(size - offset) bytes "
                        + "of torn or corrupt tail, kept every record before it.")
            }
            return RecordLog(path: path, fd: fd, end: outcome.validEnd, contentVersion: version)
        } catch {
            FileSystem.close(fd)
            throw error
        }
    }

    /// Verifies the file at `path` without changing it: the header and every frame. Returns the number of whole
    /// records, the file size and how the scan ended. For `check` and tests.
    public static func verify(
        path: String, header: RecordFileHeader,
        _ body: (UnsafeRawBufferPointer, Int64) throws(StorageError) -> Void = { _, _ in }
    ) throws(StorageError) -> (records: Int, size: Int64, outcome: FrameScanner.Outcome) {
        let fd = try FileSystem.open(path, flags: O_RDONLY)
        defer { FileSystem.close(fd) }
        let size = try FileSystem.size(fd, path: path)
        try header.verify(try FileSystem.read(fd, count: RecordFileHeader.size, at: 0, path: path), path: path)
        var records = 0
        let outcome = try FrameScanner.scan(fd: fd, path: path, from: Int64(RecordFileHeader.size), to: size) {
            (payload, offset) throws(StorageError) in
            records += 1
            try body(payload, offset)
        }
        return (records, size, outcome)
    }

    /// Streams the records of a closed or foreign file from the start, verified, in chunks; stops at damage and
    /// throws `StorageError.corrupt` with its offset.
    public static func forEachRecord(
        path: String, header: RecordFileHeader, _ body: (UnsafeRawBufferPointer, Int64) throws(StorageError) -> Void
    ) throws(StorageError) {
        let result = try verify(path: path, header: header, body)
        if case .damaged(let offset, let reason) = result.outcome {
            throw .corrupt(path: path, offset: offset, reason: reason)
        }
    }
}
