extension Journal {
    /// Opens the journal `layout` (the folder must exist): loads the snapshot if there is one, passing each of
    /// its records to `loadSnapshot`, then replays every later segment in order through `replay` (each record with
    /// its position, for `read(at:)`), cutting off a torn tail as `RecordLog.open` does. Segments the snapshot
    /// already covers (left by a crash during `compact`) are deleted. A last segment of an older content version
    /// is only read: appends go to a new one. Throws when the snapshot or a header is damaged, on I/O errors, and
    /// whatever the closures throw.
    public static func open(
        layout: Layout, segmentHeader: RecordFileHeader, snapshotHeader: RecordFileHeader,
        log: @escaping @Sendable (String) -> Void,
        loadSnapshot: (UnsafeRawBufferPointer) throws(StorageError) -> Void,
        replay: (UnsafeRawBufferPointer, Position) throws(StorageError) -> Void
    ) throws(StorageError) -> Journal {
        var covered: UInt64 = 0
        if FileSystem.exists(layout.snapshotPath) {
            var isFirst = true
            try SnapshotFile.read(path: layout.snapshotPath, header: snapshotHeader) {
                (payload) throws(StorageError) in
                if isFirst {
                    var reader = RecordReader(payload)
                    covered = try reader.readUInt64()
                    isFirst = false
                } else {
                    try loadSnapshot(payload)
                }
            }
        }
        let numbers = try layout.segmentNumbers()
        for number in numbers where number <= covered {
            try FileSystem.remove(layout.segmentPath(number))
        }
        var pending = numbers.filter { $0 > covered }
        if pending.isEmpty { pending = [covered + 1] }
        var expected = covered + 1
        var last: RecordLog?
        for number in pending {
            if number != expected {
                log("Journal \(layout.segmentPath(number)): segment \(expected) is missing; later changes may be lost.")
            }
            expected = number + 1
            last?.close()
            last = try RecordLog.open(path: layout.segmentPath(number), header: segmentHeader, log: log) {
                (payload, offset) throws(StorageError) in
                try replay(payload, Position(segment: number, offset: offset))
            }
        }
        guard var last, var number = pending.last else { preconditionFailure("a journal has a segment") }
        if last.contentVersion != segmentHeader.contentVersion {
            // Read, but not written to: appends go to a segment of the current version, so a file never mixes
            // records of two versions and an older reader refuses the new one by its header.
            last.close()
            number += 1
            last = try RecordLog.open(path: layout.segmentPath(number), header: segmentHeader, log: log)
            log("Journal: segment \(number - 1) is of an earlier version; appends go to segment \(number).")
        }
        return Journal(
            layout: layout, segmentHeader: segmentHeader, snapshotHeader: snapshotHeader,
            current: Current(log: last, number: number), log: log)
    }

    /// Starts a new segment, writes a snapshot of the state as of the end of the previous segment through
    /// `writeSnapshot`, then deletes the covered segments. The caller must hold its writer lock for the whole
    /// call, so that the state it writes is exactly what the old segments hold. A crash at any point leaves a
    /// journal that opens to the same state.
    public func compact(writeSnapshot: (inout SnapshotWriter) throws(StorageError) -> Void) throws(StorageError) {
        let layout = layout
        let header = segmentHeader
        let log = log
        let old = try current.withLock { (current) throws(StorageError) -> Current in
            try current.log.sync()
            let next = try RecordLog.open(
                path: layout.segmentPath(current.number + 1), header: header, log: log)
            let old = current
            current = Current(log: next, number: current.number + 1)
            return old
        }
        try SnapshotFile.write(path: layout.snapshotPath, header: snapshotHeader) {
            (writer) throws(StorageError) in
            var first = RecordWriter(capacity: 8)
            first.writeUInt64(old.number)
            try writer.append(first.bytes)
            try writeSnapshot(&writer)
        }
        old.log.close()
        for number in try layout.segmentNumbers() where number <= old.number {
            try FileSystem.remove(layout.segmentPath(number))
        }
        try FileSystem.syncDirectory(layout.directory)
    }
}
