import Synchronization
import TestSupport
import Testing

@testable import Storage

struct RecordLogTests {
    static let header = RecordFileHeader(fileType: "TEST", contentVersion: 1)

    static func payload(_ index: Int) -> [UInt8] {
        Array("record \(index) ".utf8) + [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: index % 7)
    }

    static func readAll(_ path: String, log: @escaping @Sendable (String) -> Void = { _ in }) throws
        -> (RecordLog, [[UInt8]])
    {
        var records: [[UInt8]] = []
        let recordLog = try RecordLog.open(path: path, header: header, log: log) { payload, _ in
            records.append([UInt8](payload))
        }
        return (recordLog, records)
    }

    @Test func appendsSurviveReopen() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (log, empty) = try Self.readAll(dir.file("a.log"))
        #expect(empty.isEmpty)
        var offsets: [Int64] = []
        for i in 0..<1000 { offsets.append(try log.append(Self.payload(i))) }
        #expect(try log.read(at: offsets[999]) == Self.payload(999))  // still buffered
        try log.sync()
        #expect(try log.read(at: offsets[3]) == Self.payload(3))
        log.close()
        let (again, records) = try Self.readAll(dir.file("a.log"))
        defer { again.close() }
        #expect(records == (0..<1000).map(Self.payload))
    }

    @Test func rejectsForeignAndOtherTypeFiles() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try AtomicFile.write(path: dir.file("x.log"), bytes: Array("this is not a record file at all".utf8))
        #expect(throws: StorageError.notARecordFile(path: dir.file("x.log"))) { try Self.readAll(dir.file("x.log")) }
        let other = try RecordLog.open(
            path: dir.file("y.log"), header: RecordFileHeader(fileType: "OTHR", contentVersion: 1), log: { _ in })
        other.close()
        #expect(throws: StorageError.self) { try Self.readAll(dir.file("y.log")) }
    }

    /// Writes `count` records, then for every byte offset inside the last three records both cuts the file there
    /// and flips that byte: the log opens with exactly the records before the damage and takes new writes.
    @Test func recoversFromDamageAtEveryByteOfTheTail() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("t.log")
        let count = 20
        let (log, _) = try Self.readAll(path)
        var offsets: [Int64] = []
        for i in 0..<count { offsets.append(try log.append(Self.payload(i))) }
        log.close()
        let pristine = try AtomicFile.read(path: path)
        let tailStart = Int(offsets[count - 3])
        for cut in tailStart..<pristine.count {
            let recordsBefore = offsets.lastIndex { $0 <= Int64(cut) }!
            for damage in ["truncate", "flip"] {
                var bytes = Array(pristine[..<cut])
                if damage == "flip" {
                    bytes = pristine
                    bytes[cut] ^= 0x5A
                }
                try AtomicFile.write(path: path, bytes: bytes)
                let messages = Mutex<[String]>([])
                let (reopened, records) = try Self.readAll(path) { line in messages.withLock { $0.append(line) } }
                #expect(records == (0..<recordsBefore).map(Self.payload), "cut \(cut) \(damage)")
                let logged = messages.withLock { $0 }
                if cut != Int(offsets[recordsBefore]) || damage == "flip" {
                    #expect(logged.count == 1 && logged[0].contains("offset \(offsets[recordsBefore])"))
                }
                try reopened.append(Array("new".utf8), durable: true)
                reopened.close()
                let (final, after) = try Self.readAll(path)
                final.close()
                #expect(after == (0..<recordsBefore).map(Self.payload) + [Array("new".utf8)])
            }
        }
    }

    @Test func recordsLargerThanTheReadChunkReplay() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let sizes = [10, FrameScanner.chunkSize - 5, 3 * FrameScanner.chunkSize + 17, 0, 1_000]
        let records = sizes.enumerated().map { index, size in [UInt8](repeating: UInt8(index + 1), count: size) }
        let (log, _) = try Self.readAll(dir.file("big.log"))
        for record in records { try log.append(record) }
        log.close()
        let (again, replayed) = try Self.readAll(dir.file("big.log"))
        again.close()
        #expect(replayed == records)
    }

    @Test func concurrentSyncsShareFsyncs() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (log, _) = try Self.readAll(dir.file("g.log"))
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for i in 0..<50 { _ = try? log.append(Self.payload(task * 100 + i), durable: true) }
                }
            }
        }
        log.close()
        let (again, records) = try Self.readAll(dir.file("g.log"))
        again.close()
        #expect(records.count == 400)
        #expect(Set(records) == Set((0..<8).flatMap { t in (0..<50).map { Self.payload(t * 100 + $0) } }))
    }
}
