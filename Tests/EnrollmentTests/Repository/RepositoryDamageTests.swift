import Storage
import TestSupport
import Testing

@testable import Enrollment

/// Cuts and corrupts the journal at every byte offset of its last records: the repository opens with exactly
/// the records before the damage and takes new writes.
struct RepositoryDamageTests {
    @Test func opensAfterDamageAtEveryByteOfTheJournalTail() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        let repository = try fixture.open()
        for i in 0..<3 { try fixture.importUsers(repository, [RepositoryFixture.user("a\(i)@x.org")], mail: true) }
        try fixture.importUsers(repository, [RepositoryFixture.user("b@x.org")], removing: ["a0@x.org"])
        try repository.markMailSpooled(operationID: 1)
        repository.close()
        let segment = Journal.Layout(directory: fixture.path, name: "journal").segmentPath(1)
        let pristine = try AtomicFile.read(path: segment)
        var offsets: [Int64] = []
        _ = try RecordLog.verify(path: segment, header: DataFolderLayout.journalHeader) { _, offset in
            offsets.append(offset)
        }
        // The last records: the last operation's changes and commit, and the mail record.
        let tail = offsets.count - 3
        var references: [Int: String] = [:]
        func signature(of bytes: [UInt8], writeAfter: Bool) throws -> String {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            try FileSystem.makeDirectory(dir.path + "/data")
            try AtomicFile.write(path: dir.path + "/data/journal-00000001.log", bytes: bytes)
            let repository = try EnrollmentRepository.open(
                dataDirectory: dir.path + "/data", now: { 5 }, log: { _ in })
            let signature = repository.signature
            if writeAfter {
                let spool = dir.path + "/spool"
                try AtomicFile.write(path: spool, bytes: [1])
                let op = try repository.createOperation(
                    kind: .bulkInvite, fileName: "n", uploadedBy: "a", uploadedFile: spool, resendInvitations: false)
                let run = try repository.beginRun(operationID: op.id)
                run.put(RepositoryFixture.user("new@x.org"))
                try run.commit()
                repository.close()
                let reopened = try EnrollmentRepository.open(
                    dataDirectory: dir.path + "/data", now: { 5 }, log: { _ in })
                #expect(reopened.user(forKey: "new@x.org") != nil)
                #expect(reopened.operation(id: op.id)?.state == .completed)
                reopened.close()
            } else {
                repository.close()
            }
            return signature
        }
        for k in tail..<offsets.count {
            references[k] = try signature(of: Array(pristine[..<Int(offsets[k])]), writeAfter: false)
        }
        references[offsets.count] = try signature(of: pristine, writeAfter: false)
        // Changes without their commit record change nothing; the commit and the mail record do.
        #expect(Set(references.values).count == 3)
        for cut in Int(offsets[tail])..<pristine.count {
            let survivors = offsets.lastIndex { $0 <= Int64(cut) }!
            let writeAfter = cut % 29 == 0
            let truncated = try signature(of: Array(pristine[..<cut]), writeAfter: writeAfter)
            #expect(truncated == references[survivors], "cut at \(cut)")
            var flipped = pristine
            flipped[cut] ^= 0xA5
            #expect(try signature(of: flipped, writeAfter: writeAfter) == references[survivors], "flip at \(cut)")
        }
    }
}
