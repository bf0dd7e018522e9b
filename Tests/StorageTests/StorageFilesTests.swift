import Glibc
import TestSupport
import Testing

@testable import Storage

struct StorageFilesTests {
    static let header = RecordFileHeader(fileType: "SNAP", contentVersion: 3)

    @Test func atomicFileReplacesWhole() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try AtomicFile.write(path: dir.file("f"), bytes: [1, 2, 3])
        try AtomicFile.write(path: dir.file("f"), bytes: [4, 5])
        #expect(try AtomicFile.read(path: dir.file("f")) == [4, 5])
        #expect(!FileSystem.exists(AtomicFile.temporaryPath(for: dir.file("f"))))
    }

    @Test func snapshotRoundTripsAndDetectsDamage() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("s.snapshot")
        try SnapshotFile.write(path: path, header: Self.header) { (writer) throws(StorageError) in
            for i in 0..<100 { try writer.append(Array("item \(i)".utf8)) }
        }
        var items: [String] = []
        try SnapshotFile.read(path: path, header: Self.header) { items.append(String(decoding: $0, as: UTF8.self)) }
        #expect(items == (0..<100).map { "item \($0)" })
        let bytes = try AtomicFile.read(path: path)
        try AtomicFile.write(path: path, bytes: Array(bytes.dropLast(3)))
        #expect(throws: StorageError.self) { try SnapshotFile.read(path: path, header: Self.header) { _ in } }
        var flipped = bytes
        flipped[200] ^= 1
        try AtomicFile.write(path: path, bytes: flipped)
        #expect(throws: StorageError.self) { try SnapshotFile.read(path: path, header: Self.header) { _ in } }
        #expect(throws: StorageError.self) {
            try SnapshotFile.read(path: path, header: RecordFileHeader(fileType: "SNAP", contentVersion: 4)) { _ in }
        }
    }

    @Test func secondLockOnAFolderFailsNamingFolderAndPID() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let first = try DataFolderLock.acquire(folder: dir.path)
        #expect(throws: StorageError.folderLocked(folder: dir.path, pid: getpid())) {
            try DataFolderLock.acquire(folder: dir.path)
        }
        do {
            _ = try DataFolderLock.acquire(folder: dir.path)
        } catch {
            #expect(error.description.contains(dir.path) && error.description.contains("\(getpid())"))
        }
        first.release()
        let again = try DataFolderLock.acquire(folder: dir.path)
        again.release()
    }

    /// Opens the journal of `layout`, its segments of `header`: the journal, what it loaded as text (snapshot
    /// records, then replayed ones) and the positions of the replayed records.
    static func openJournal(
        _ layout: Journal.Layout, _ header: RecordFileHeader = RecordFileHeader(fileType: "JRNL", contentVersion: 1)
    ) throws -> (journal: Journal, loaded: [String], positions: [Journal.Position]) {
        var loaded: [String] = []
        var positions: [Journal.Position] = []
        let journal = try Journal.open(
            layout: layout, segmentHeader: header, snapshotHeader: Self.header, log: { _ in },
            loadSnapshot: { loaded.append(String(decoding: $0, as: UTF8.self)) },
            replay: { payload, position in
                loaded.append(String(decoding: payload, as: UTF8.self))
                positions.append(position)
            })
        return (journal, loaded, positions)
    }

    @Test func journalCompactsAndReloadsSnapshotPlusTail() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let layout = Journal.Layout(directory: dir.path, name: "j")
        var (journal, state, _) = try Self.openJournal(layout)
        for i in 0..<10 { try journal.append(Array("a\(i)".utf8)) }
        try journal.sync()
        let before = (0..<10).map { "a\($0)" }
        try journal.compact { (writer) throws(StorageError) in
            for item in before { try writer.append(Array(item.utf8)) }
        }
        try journal.append(Array("b".utf8))
        journal.close()
        #expect(try layout.segmentNumbers() == [2])
        (journal, state, _) = try Self.openJournal(layout)
        #expect(state == before + ["b"])
        journal.close()
    }

    /// A record's position reads it back: not yet written, written, after a reopen (where replay gives the same
    /// positions), and from an older segment; once `compact` deletes that segment, reading there fails.
    @Test func journalReadsRecordsAtTheirPositions() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let layout = Journal.Layout(directory: dir.path, name: "j")
        var (journal, _, replayed) = try Self.openJournal(layout)
        let payloads = (0..<300).map { [UInt8](repeating: UInt8($0 % 251), count: 1 + $0 * 13) }
        var positions: [Journal.Position] = []
        for payload in payloads {
            positions.append(try journal.append(payload))
            #expect(try journal.read(at: positions.last!) == payload, "before it is written")
        }
        #expect(try positions.map { try journal.read(at: $0) } == payloads)
        journal.close()
        (journal, _, replayed) = try Self.openJournal(layout)
        #expect(replayed == positions)
        #expect(try positions.map { try journal.read(at: $0) } == payloads)
        // A compaction that fails after starting the next segment leaves this one, read from its file.
        #expect(throws: StorageError.self) {
            try journal.compact { (_) throws(StorageError) in throw .closed(path: "snapshot") }
        }
        #expect(journal.currentSegment == positions[0].segment + 1)
        #expect(try positions.map { try journal.read(at: $0) } == payloads)
        try journal.compact { _ in }
        let later = try journal.append([7, 7])
        #expect(later.segment == positions[0].segment + 2)
        #expect(try journal.read(at: later) == [7, 7])
        #expect(throws: StorageError.self) { try journal.read(at: positions[0]) }
        journal.close()
    }

    /// A journal of an older content version the reader still accepts replays as it is; appends then go to a new
    /// segment of the current version, which a reader of the older version refuses by its header.
    @Test func journalOfAnOlderVersionIsReadButNotAppendedTo() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let layout = Journal.Layout(directory: dir.path, name: "j")
        let old = RecordFileHeader(fileType: "JRNL", contentVersion: 1)
        let current = RecordFileHeader(fileType: "JRNL", contentVersion: 2, oldestReadableVersion: 1)
        var (journal, state, _) = try Self.openJournal(layout, old)
        try journal.append(Array("old".utf8))
        journal.close()
        (journal, state, _) = try Self.openJournal(layout, current)
        #expect(state == ["old"])
        #expect(journal.currentSegment == 2)
        try journal.append(Array("new".utf8))
        journal.close()
        (journal, state, _) = try Self.openJournal(layout, current)
        #expect(state == ["old", "new"] && journal.currentSegment == 2)
        journal.close()
        #expect(throws: StorageError.self) { try Self.openJournal(layout, old) }
        #expect(throws: StorageError.self) {
            try RecordFileHeader(fileType: "JRNL", contentVersion: 3, oldestReadableVersion: 3).verify(
                current.bytes, path: "j")
        }
    }
}
