import Storage

extension EnrollmentRepository {
    /// Verifies every file of the data folder without changing anything (safe while the console runs): the
    /// snapshot, each journal segment (frames and entries), each results file and results index. Returns a
    /// readable report and whether anything is damaged. A torn tail of the newest journal segment or of a
    /// results file is what a crash leaves; it is reported but not counted as damage (the next start cuts it).
    public static func check(dataDirectory: String) -> (report: String, isDamaged: Bool) {
        var lines: [String] = []
        var isDamaged = false
        let layout = DataFolderLayout(root: dataDirectory)
        guard FileSystem.isDirectory(dataDirectory) else {
            return ("\(dataDirectory): no such data folder", true)
        }
        if let pid = DataFolderLock.ownerPID(folder: dataDirectory) {
            lines.append("lock: last owner PID \(pid)")
        }
        let journal = layout.journal
        if FileSystem.exists(journal.snapshotPath) {
            var records = 0
            var loader = RepositoryLoader()
            do {
                try SnapshotFile.read(path: journal.snapshotPath, header: DataFolderLayout.snapshotHeader) {
                    (payload) throws(StorageError) in
                    records += 1
                    if records > 1 { try loader.loadSnapshotRecord(payload) }
                }
                let state = loader.finish()
                lines.append(
                    "\(journal.snapshotPath): ok, \(records) records, \(state.directory.count) users, "
                        + "\(state.operations.count) operations")
            } catch {
                isDamaged = true
                lines.append("\(journal.snapshotPath): DAMAGED: \(error)")
            }
        }
        let segments = (try? journal.segmentNumbers()) ?? []
        for number in segments {
            let path = journal.segmentPath(number)
            let damaged = verify(path: path, header: DataFolderLayout.journalHeader, isNewest: number == segments.last)
            {
                payload throws(StorageError) in
                var reader = RecordReader(payload)
                _ = try JournalEntry.decode(&reader)
            }
            isDamaged = isDamaged || damaged.isDamaged
            lines.append(damaged.line)
        }
        let resultFiles = ((try? FileSystem.contents(of: layout.resultsDirectory)) ?? []).sorted()
        for name in resultFiles where name.hasSuffix(".results") {
            let path = layout.resultsDirectory + "/" + name
            let damaged = verify(path: path, header: DataFolderLayout.resultsHeader, isNewest: true) {
                payload throws(StorageError) in
                var reader = RecordReader(payload)
                _ = try reader.readRowResult()
            }
            isDamaged = isDamaged || damaged.isDamaged
            lines.append(damaged.line)
        }
        for name in resultFiles where name.hasSuffix(".index") {
            let path = layout.resultsDirectory + "/" + name
            do {
                let file = try RecordFileReader(path: path, header: DataFolderLayout.indexHeader)
                let counts = try ResultsIndex.readTable(file)
                lines.append("\(path): ok, \(counts[0]) rows")
            } catch {
                isDamaged = true
                lines.append("\(path): DAMAGED: \(error)")
            }
        }
        lines.append(isDamaged ? "RESULT: damaged" : "RESULT: ok")
        return (lines.joined(separator: "\n"), isDamaged)
    }

    private static func verify(
        path: String, header: RecordFileHeader, isNewest: Bool,
        _ decode: (UnsafeRawBufferPointer) throws(StorageError) -> Void
    ) -> (line: String, isDamaged: Bool) {
        do {
            let result = try RecordLog.verify(path: path, header: header) { (payload, _) throws(StorageError) in
                try decode(payload)
            }
            switch result.outcome {
            case .clean:
                return ("\(path): ok, \(result.records) records", false)
            case .damaged(let offset, let reason):
                let tail =
                    "\(reason) at byte offset \(offset), \(result.size - offset) bytes after \(result.records) good records"
                if isNewest { return ("\(path): torn tail (cut at next start): \(tail)", false) }
                return ("\(path): DAMAGED: \(tail)", true)
            }
        } catch {
            return ("\(path): DAMAGED: \(error)", true)
        }
    }
}
