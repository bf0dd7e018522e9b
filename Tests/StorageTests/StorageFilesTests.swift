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

    @Test func journalCompactsAndReloadsSnapshotPlusTail() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let layout = Journal.Layout(directory: dir.path, name: "j")
        let segment = RecordFileHeader(fileType: "JRNL", contentVersion: 1)
        func open(_ state: inout [String]) throws -> Journal {
            var loaded: [String] = []
            let journal = try Journal.open(
                layout: layout, segmentHeader: segment, snapshotHeader: Self.header, log: { _ in },
                loadSnapshot: { loaded.append(String(decoding: $0, as: UTF8.self)) },
                replay: { loaded.append(String(decoding: $0, as: UTF8.self)) })
            state = loaded
            return journal
        }
        var state: [String] = []
        var journal = try open(&state)
        for i in 0..<10 { try journal.append(Array("a\(i)".utf8)) }
        try journal.sync()
        let before = (0..<10).map { "a\($0)" }
        try journal.compact { (writer) throws(StorageError) in
            for item in before { try writer.append(Array(item.utf8)) }
        }
        try journal.append(Array("b".utf8))
        journal.close()
        #expect(try layout.segmentNumbers() == [2])
        journal = try open(&state)
        #expect(state == before + ["b"])
        journal.close()
    }
}
