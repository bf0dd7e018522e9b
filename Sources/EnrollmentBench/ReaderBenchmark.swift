import Enrollment
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a generated import file of `rows` rows (about 90 bytes a row) in a temporary folder three ways and
/// returns one line per figure: the counting pass, the reader making every row, and a whole run of the rules
/// into an in-memory sink. The folder is removed afterwards.
func runReaderBenchmark(rows: Int) -> [String] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reader-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("import.csv").path
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try makeImportFile(rows: rows).write(to: URL(fileURLWithPath: path))
    } catch {
        return ["reader: cannot write the sample file: \(error)"]
    }
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    var lines = ["reader: \(rows) rows, \(bytes / 1_000_000) MB"]
    let clock = ContinuousClock()
    do throws(FileRefusal) {
        var start = clock.now
        for _ in 0..<3 {
            start = clock.now
            let cpu = cpuSeconds()
            let counted = try ImportProcessor.countDataRows(filePath: path)
            let seconds = cpuSeconds() - cpu
            lines.append("count pass: \(counted) rows in \(clock.now - start) (CPU \(seconds) s)")
        }
        start = clock.now
        let cpu = cpuSeconds()
        let made = try readEveryRow(path: path)
        let seconds = cpuSeconds() - cpu
        lines.append("reader, rows made: \(made) rows in \(clock.now - start) (CPU \(seconds) s)")
        var sink = BenchSink()
        start = clock.now
        _ = try ImportProcessor.run(
            filePath: path, into: &sink, now: 0, options: ProcessingOptions(countsRowsFirst: false))
        let elapsed = clock.now - start
        lines.append("run into memory: \(sink.results) results, \(sink.users.count) users in \(elapsed)")
    } catch {
        lines.append("refused: \(error.message)")
    }
    return lines
}

/// Processor time used so far, in seconds (0 where the C library's `clock` is not at hand).
private func cpuSeconds() -> Double {
    #if canImport(Glibc)
        return Double(clock()) / Double(CLOCKS_PER_SEC)
    #else
        return 0
    #endif
}

private func readEveryRow(path: String) throws(FileRefusal) -> Int {
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(errno: 2) }
    var reader = ImportReader()
    var count = 0
    let all = [UInt8](data)
    var start = 0
    while start < all.count {
        let end = min(all.count, start + 256 << 10)
        try all[start..<end].withUnsafeBufferPointer { (chunk) throws(FileRefusal) in
            try reader.feed(chunk) { _ in count += 1 }
        }
        start = end
    }
    try reader.finish { _ in count += 1 }
    return count
}

private func makeImportFile(rows: Int) -> Data {
    var text = "Email ID,First Name,Last Name,Alternate ID,Work Phone,Title,Department,User Status\r\n"
    text.reserveCapacity(rows * 96)
    for index in 0..<rows {
        text += "user\(index)@example.com,First\(index),\"Last, \(index)\",ALT\(index),800-555-\(index % 10_000),"
        text += "Engineer,Research,\(index % 10 == 0 ? "Update" : "New")\r\n"
    }
    return Data(text.utf8)
}

private struct BenchSink: OperationSink {
    var operationID: Int64 = 1
    var users: [String: User] = [:]
    var results = 0
    var mail = 0

    func user(forKey key: DirectoryKey) -> User? { users[key.string] }
    mutating func put(_ user: User, key: DirectoryKey) { users[key.string] = user }
    mutating func remove(key: DirectoryKey) { users[key.string] = nil }
    mutating func record(_ result: RowResult) throws { results += 1 }
    mutating func reportProgress(processedRows: Int, totalRows: Int?) {}
    mutating func addWarning(_ warning: String) {}
    mutating func queueMail(_ intent: MailIntent) { mail += 1 }
}
