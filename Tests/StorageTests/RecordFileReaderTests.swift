import Glibc
import TestSupport
import Testing

@testable import Storage

struct RecordFileReaderTests {
    static let header = RecordFileHeader(fileType: "TEST", contentVersion: 1)

    /// Payloads of many sizes: small, past the 512 bytes a single read takes first, and past a batch's span.
    static func payload(_ index: Int) -> [UInt8] {
        let size = index % 50 == 7 ? 3_000 : index == 333 ? Int(RecordFileReader.maxBatchSpan) + 10 : index % 90
        return Array("r\(index):".utf8) + [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: size)
    }

    /// A closed log of 2,000 records and their offsets.
    static func makeLog(_ dir: TemporaryDirectory) throws -> (path: String, offsets: [Int64]) {
        let path = dir.file("r.log")
        let log = try RecordLog.open(path: path, header: header, log: { _ in })
        let offsets = try (0..<2_000).map { try log.append(payload($0)) }
        log.close()
        return (path, offsets)
    }

    /// Batched reads give exactly what one read per record gives: whole runs, sparse picks (gaps past the batch
    /// gap), descending and repeated offsets, records larger than a batch, and the last record of the file.
    @Test func batchedReadsMatchSingleReads() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (path, offsets) = try Self.makeLog(dir)
        let reader = try RecordFileReader(path: path, header: Self.header)
        var generator = SplitMix64(seed: 5)
        let picks: [[Int]] = [
            Array(0..<2_000), Array(300..<400), stride(from: 0, to: 2_000, by: 37).map { $0 },
            Array((0..<50).reversed()), [5, 5, 6, 6], [1_999], [],
            (0..<200).map { _ in Int.random(in: 0..<2_000, using: &generator) }.sorted(),
        ]
        for pick in picks {
            let batched = try reader.read(at: pick.map { offsets[$0] })
            #expect(batched == pick.map { Self.payload($0) }, "\(pick.prefix(5))…")
        }
    }

    /// A damaged record inside a batch is reported with its own offset, as a single read reports it.
    @Test func damageInsideABatchIsReportedAtItsOffset() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (path, offsets) = try Self.makeLog(dir)
        let fd = open(path, O_WRONLY)
        var byte: UInt8 = 0xEE
        #expect(pwrite(fd, &byte, 1, off_t(offsets[20] + 9)) == 1)
        close(fd)
        let reader = try RecordFileReader(path: path, header: Self.header)
        #expect(throws: StorageError.corrupt(path: path, offset: offsets[20], reason: "checksum mismatch")) {
            try reader.read(at: Array(offsets[10..<30]))
        }
        #expect(try reader.read(at: Array(offsets[21..<30])) == (21..<30).map(Self.payload))
    }
}
