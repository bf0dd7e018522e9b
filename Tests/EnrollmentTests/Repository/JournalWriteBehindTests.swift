import Storage
import TestSupport
import Testing

@testable import Enrollment

struct JournalWriteBehindTests {
    static let segment = RecordFileHeader(fileType: "JRNL", contentVersion: 1)
    static let snapshot = RecordFileHeader(fileType: "SNAP", contentVersion: 1)

    /// Opens the journal in `dir`, returning it and the records it replayed.
    static func open(_ dir: TemporaryDirectory) throws -> (Journal, [[UInt8]]) {
        var replayed: [[UInt8]] = []
        let journal = try Journal.open(
            layout: Journal.Layout(directory: dir.path, name: "j"), segmentHeader: segment,
            snapshotHeader: snapshot, log: { _ in }, loadSnapshot: { _ in },
            replay: { payload, _ in replayed.append(Array(payload)) })
        return (journal, replayed)
    }

    /// Many more payloads than may wait: all arrive, in order, by the time `finish` returns.
    @Test func appendsEverythingInOrderBeforeFinishReturns() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var (journal, _) = try Self.open(dir)
        let writer = JournalWriteBehind(journal: journal)
        let payloads = (0..<200).map { index in [UInt8](repeating: UInt8(index), count: 1 + index * 37) }
        for payload in payloads { writer.append(JournalChunk.Sealed(bytes: [9, 9] + payload, start: 2)) }
        #expect(writer.finish() == nil)
        writer.append(JournalChunk.Sealed(bytes: [1, 2, 3], start: 0))
        #expect(writer.finish() == nil)
        let spare = try #require(writer.spareBuffer(), "written buffers come back for reuse")
        #expect(spare.capacity > 0)
        journal.close()
        let replayed: [[UInt8]]
        (journal, replayed) = try Self.open(dir)
        defer { journal.close() }
        #expect(replayed == payloads)
    }

    /// Payloads given a count are found again at the positions kept for them, in order, with their counts.
    @Test func countedPayloadsKeepTheirPositions() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (journal, _) = try Self.open(dir)
        defer { journal.close() }
        let writer = JournalWriteBehind(journal: journal)
        let payloads = (0..<40).map { index in [UInt8](repeating: UInt8(index), count: 1 + index * 101) }
        for (index, payload) in payloads.enumerated() {
            writer.append(JournalChunk.Sealed(bytes: payload, start: 0), count: index % 2 == 0 ? index : nil)
        }
        #expect(writer.finish() == nil)
        let written = writer.writtenPositions
        #expect(written.map(\.count) == Array(stride(from: 0, to: 40, by: 2)))
        #expect(try written.map { try journal.read(at: $0.position) } == written.map { payloads[$0.count] })
    }

    /// A writer given nothing starts no thread; `finish` returns at once.
    @Test func finishWithoutPayloadsReturnsNoError() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (journal, _) = try Self.open(dir)
        defer { journal.close() }
        let writer = JournalWriteBehind(journal: journal)
        #expect(writer.finish() == nil)
        #expect(writer.finish() == nil)
    }

    /// An append that fails is reported by `finish`, every time; later payloads are dropped, not waited on.
    @Test func reportsTheFirstError() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (journal, _) = try Self.open(dir)
        journal.close()
        let writer = JournalWriteBehind(journal: journal)
        for index in 0..<20 { writer.append(JournalChunk.Sealed(bytes: [UInt8(index)], start: 0)) }
        let error = writer.finish()
        #expect(error != nil)
        #expect(writer.finish() == error)
    }
}
