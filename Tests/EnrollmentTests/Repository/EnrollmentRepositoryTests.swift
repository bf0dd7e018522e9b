import Glibc
import Storage
import Testing

@testable import Enrollment

struct EnrollmentRepositoryTests {
    @Test func committedImportIsVisibleAndDurable() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        var repository = try fixture.open()
        let users = (0..<50).map { RepositoryFixture.user("User\($0)@Example.com") }
        let record = try fixture.importUsers(repository, users, mail: true)
        #expect(record.state == .completed)
        #expect(record.counts[.created] == 50)
        #expect(repository.userCount == 50)
        #expect(repository.user(forKey: "user7@example.com")?.email == "User7@Example.com")
        #expect(try repository.pendingMail().count == 50)
        #expect(repository.latestOperation(kind: .userImport) == record)
        let before = repository.signature
        repository.close()
        repository = try fixture.open()
        defer { repository.close() }
        #expect(repository.signature == before)
        #expect(repository.operation(id: record.id) == record)
        let page = try repository.results(operationID: record.id, outcome: nil, offset: 10, limit: 5)
        #expect(page.total == 50 && page.results.map(\.rowNumber) == [12, 13, 14, 15, 16])
    }

    @Test func stagedChangesAreSeenOnlyByTheirRun() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        let repository = try fixture.open()
        defer { repository.close() }
        try fixture.importUsers(repository, [RepositoryFixture.user("a@x.org")])
        let op = try repository.createOperation(
            kind: .userImport, fileName: "f.csv", uploadedBy: "admin", uploadedFile: try fixture.spool(),
            resendInvitations: false)
        let run = try repository.beginRun(operationID: op.id)
        #expect(repository.operation(id: op.id)?.state == .running)
        run.remove(key: "a@x.org")
        #expect(run.user(forKey: "a@x.org") == nil)
        run.put(RepositoryFixture.user("a@x.org", first: "New"))
        run.put(RepositoryFixture.user("b@x.org"))
        #expect(run.user(forKey: "a@x.org")?.firstName == "New")
        #expect(repository.user(forKey: "a@x.org")?.firstName == "Ann")
        #expect(repository.user(forKey: "b@x.org") == nil)
        run.reportProgress(processedRows: 2, totalRows: 10)
        #expect(repository.operation(id: op.id)?.processedRows == 2)
        try run.commit()
        #expect(repository.user(forKey: "a@x.org")?.firstName == "New")
        #expect(repository.userCount == 2)
        #expect(throws: RepositoryError.self) { try run.commit() }
    }

    /// Removals within a run, of committed users and of users the run put: later rows see each key's last change,
    /// and the commit applies only that.
    @Test func aRunSeesAndCommitsTheLastChangeOfEachKey() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        var repository = try fixture.open()
        try fixture.importUsers(repository, ["gone", "back", "kept"].map { RepositoryFixture.user("\($0)@x.org") })
        let op = try repository.createOperation(
            kind: .userImport, fileName: "f.csv", uploadedBy: "admin", uploadedFile: try fixture.spool(),
            resendInvitations: false)
        let run = try repository.beginRun(operationID: op.id)
        run.remove(key: "gone@x.org")
        run.remove(key: "back@x.org")
        run.put(RepositoryFixture.user("back@x.org", first: "Again"))
        run.put(RepositoryFixture.user("brief@x.org"))
        run.remove(key: "brief@x.org")
        run.put(RepositoryFixture.user("twice@x.org"))
        run.remove(key: "twice@x.org")
        run.put(RepositoryFixture.user("twice@x.org", first: "Second"))
        #expect(run.user(forKey: "gone@x.org") == nil && run.user(forKey: "brief@x.org") == nil)
        #expect(run.user(forKey: "back@x.org")?.firstName == "Again")
        #expect(run.user(forKey: "twice@x.org")?.firstName == "Second")
        #expect(run.user(forKey: "kept@x.org") != nil)
        try run.commit()
        let expected = ["back@x.org": "Again", "kept@x.org": "Ann", "twice@x.org": "Second"]
        func check() {
            #expect(repository.users(matching: "", offset: 0, limit: 10).users.map(\.email) == expected.keys.sorted())
            for (key, first) in expected { #expect(repository.user(forKey: key)?.firstName == first) }
        }
        check()
        repository.close()
        repository = try fixture.open()
        defer { repository.close() }
        check()
    }

    @Test func failAppliesNothingAndReportsNoRowOutcomes() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        let repository = try fixture.open()
        defer { repository.close() }
        let op = try repository.createOperation(
            kind: .bulkInvite, fileName: "i.txt", uploadedBy: "admin", uploadedFile: try fixture.spool(),
            resendInvitations: true)
        let run = try repository.beginRun(operationID: op.id)
        run.put(RepositoryFixture.user("c@x.org"))
        try run.record(RowResult(rowNumber: 1, email: "c@x.org", action: .invite, outcome: .invited))
        try run.fail(reason: "Not text")
        let failed = try #require(repository.operation(id: op.id))
        #expect(failed.state == .rejected && failed.reason == "Not text" && failed.resendInvitations)
        #expect(repository.userCount == 0)
        // A refused file applied nothing, so no row may claim an outcome such as Invited.
        #expect(try repository.results(operationID: op.id, outcome: nil, offset: 0, limit: 10).total == 0)
        #expect(failed.counts.total == 0)
        let again = try repository.rerun(operationID: op.id)
        #expect(again.state == .queued && again.id != op.id)
        #expect(try AtomicFile.read(path: repository.uploadedFilePath(operationID: again.id)).count > 0)
        try repository.reject(operationID: again.id, reason: "Empty file")
        #expect(repository.operation(id: again.id)?.state == .rejected)
        #expect(throws: RepositoryError.self) { try repository.beginRun(operationID: again.id) }
    }

    @Test func unfinishedOperationsAreInterruptedAfterACrash() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        var repository = try fixture.open()
        try fixture.importUsers(repository, [RepositoryFixture.user("keep@x.org")])
        let queued = try repository.createOperation(
            kind: .userImport, fileName: "q.csv", uploadedBy: "admin", uploadedFile: try fixture.spool("q"),
            resendInvitations: false)
        let running = try repository.createOperation(
            kind: .userImport, fileName: "r.csv", uploadedBy: "admin", uploadedFile: try fixture.spool("r"),
            resendInvitations: false)
        let run = try repository.beginRun(operationID: running.id)
        run.put(RepositoryFixture.user("lost@x.org"))
        run.remove(key: "keep@x.org")
        try run.record(RowResult(rowNumber: 2, email: "lost@x.org", action: .new, outcome: .created))
        repository.simulateCrash()
        repository = try fixture.open()
        defer { repository.close() }
        for id in [queued.id, running.id] {
            let record = try #require(repository.operation(id: id))
            #expect(record.state == .interrupted)
            #expect(record.reason == EnrollmentRepository.interruptedReason)
        }
        #expect(repository.user(forKey: "lost@x.org") == nil)
        #expect(repository.user(forKey: "keep@x.org") != nil)
        // Results still in the run's write buffer died with the process; whatever reached the file is readable.
        #expect(try repository.results(operationID: running.id, outcome: nil, offset: 0, limit: 9).total <= 1)
        let rerun = try repository.rerun(operationID: running.id)
        let kept = try AtomicFile.read(path: repository.uploadedFilePath(operationID: rerun.id))
        #expect(String(decoding: kept, as: UTF8.self) == "r")
        #expect(fixture.messages.withLock { $0.contains { $0.contains("interrupted") } })
    }

    @Test func secondOpenOfTheFolderFailsClearly() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        let repository = try fixture.open()
        #expect(throws: RepositoryError.storage(.folderLocked(folder: fixture.path, pid: getpid()))) {
            try fixture.open()
        }
        repository.close()
        try fixture.open().close()
    }

    @Test func usersPageAndSearch() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        let repository = try fixture.open()
        defer { repository.close() }
        let users = (0..<300).map { RepositoryFixture.user("u\(1000 + $0)@x.org", first: $0 % 3 == 0 ? "Zed" : "Amy") }
        try fixture.importUsers(repository, users.shuffled())
        try fixture.importUsers(repository, [], removing: ["u1000@x.org", "u1001@x.org"])
        let all = repository.users(matching: "", offset: 0, limit: 1000)
        #expect(all.total == 298)
        #expect(all.users.map(\.email) == all.users.map(\.email).sorted())
        #expect(repository.users(matching: "", offset: 290, limit: 20).users.count == 8)
        let zed = repository.users(matching: "zED", offset: 0, limit: 10)
        #expect(zed.total == 99 && zed.users.count == 10 && zed.users.allSatisfy { $0.firstName == "Zed" })
        #expect(repository.users(matching: "U1299", offset: 0, limit: 10).users.map(\.email) == ["u1299@x.org"])
    }

    @Test func operationsPageNewestFirstAndMailSpools() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        var repository = try fixture.open()
        for i in 0..<5 { try fixture.importUsers(repository, [RepositoryFixture.user("m\(i)@x.org")], mail: true) }
        let page = repository.operations(kind: .userImport, offset: 1, limit: 2)
        #expect(page.total == 5 && page.records.map(\.id) == [4, 3])
        #expect(repository.operations(kind: .bulkInvite, offset: 0, limit: 9).total == 0)
        #expect(try repository.pendingMail().map(\.operationID) == [1, 2, 3, 4, 5])
        try repository.markMailSpooled(operationID: 2)
        repository.close()
        repository = try fixture.open()
        defer { repository.close() }
        #expect(try repository.pendingMail().map(\.operationID) == [1, 3, 4, 5])
    }

    @Test func compactionKeepsStateAndShortensTheJournal() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        var repository = try fixture.open()
        for i in 0..<10 {
            try fixture.importUsers(repository, (0..<20).map { RepositoryFixture.user("c\(i)-\($0)@x.org") })
        }
        try repository.compact()
        try fixture.importUsers(repository, [], removing: ["c0-0@x.org"])
        let before = repository.signature
        repository.close()
        let layout = Journal.Layout(directory: fixture.path, name: "journal")
        #expect(try layout.segmentNumbers() == [2])
        #expect(FileSystem.exists(layout.snapshotPath))
        repository = try fixture.open()
        defer { repository.close() }
        #expect(repository.signature == before)
        #expect(repository.userCount == 199)
        let check = EnrollmentRepository.check(dataDirectory: fixture.path)
        #expect(!check.isDamaged, "\(check.report)")
    }

    @Test func checkReportsDamageInsideTheFolder() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        let repository = try fixture.open()
        try fixture.importUsers(repository, (0..<100).map { RepositoryFixture.user("k\($0)@x.org") })
        try repository.compact()
        try fixture.importUsers(repository, [RepositoryFixture.user("tail@x.org")])
        repository.close()
        let healthy = EnrollmentRepository.check(dataDirectory: fixture.path)
        #expect(!healthy.isDamaged && healthy.report.contains("RESULT: ok"), "\(healthy.report)")
        let snapshot = Journal.Layout(directory: fixture.path, name: "journal").snapshotPath
        var bytes = try AtomicFile.read(path: snapshot)
        bytes[bytes.count / 2] ^= 0x01
        try AtomicFile.write(path: snapshot, bytes: bytes)
        let damaged = EnrollmentRepository.check(dataDirectory: fixture.path)
        #expect(damaged.isDamaged && damaged.report.contains(snapshot), "\(damaged.report)")
        #expect(throws: RepositoryError.self) { try fixture.open() }
    }

    /// A run larger than a journal chunk writes its changes and mail before the commit; without the commit
    /// record (crash, fail) none of them applies, with it all do.
    @Test func bigRunsApplyWholeOrNotAtAll() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        var repository = try fixture.open()
        let count = max(JournalEntry.changesPerRecord, JournalEntry.mailPerRecord) * 2 + 7
        func run(_ prefix: String) throws -> OperationRun {
            let op = try repository.createOperation(
                kind: .userImport, fileName: prefix, uploadedBy: "admin", uploadedFile: try fixture.spool(),
                resendInvitations: false)
            let run = try repository.beginRun(operationID: op.id)
            for i in 0..<count {
                run.put(RepositoryFixture.user("\(prefix)\(i)@x.org"))
                run.queueMail(
                    MailIntent(
                        kind: .invitation, email: "\(prefix)\(i)@x.org", firstName: "Ann", lastName: "Lee",
                        operationID: op.id, rowNumber: i + 2))
            }
            return run
        }
        try run("failed").fail(reason: "stopped")
        try run("kept").commit()
        // Kept as the journal's encoded chunks, given back whole and in order.
        #expect(try repository.pendingMail().map(\.rowNumber) == Array(2..<count + 2))
        #expect(try repository.pendingMail().last?.email == "kept\(count - 1)@x.org")
        _ = try run("crashed")
        repository.simulateCrash()
        repository = try fixture.open()
        defer { repository.close() }
        #expect(repository.userCount == count)
        #expect(repository.users(matching: "kept", offset: 0, limit: 0).total == count)
        #expect(repository.operation(id: 3)?.state == .interrupted)
        let mail = try repository.pendingMail()
        #expect(mail.count == count && Set(mail.map(\.operationID)) == [2])
        #expect(mail.map(\.rowNumber) == Array(2..<count + 2))
        // Read back from the journal, not held in memory: its segments stay until the outbox took the mail.
        #expect(repository.queuedMail().map(\.mail.isInJournal) == [true])
        let segment = repository.journal.currentSegment
        try repository.compact()
        #expect(repository.journal.currentSegment == segment, "compaction waits for the outbox")
        repository.close()
        repository = try fixture.open()
        #expect(try repository.pendingMail() == mail)
        try repository.markMailSpooled(operationID: 2)
        try repository.compact()
        #expect(repository.journal.currentSegment == segment + 1)
        #expect(try repository.pendingMail().isEmpty)
    }

    /// Mail to the user a run just put is written as that put's kind and row: the journal grows by less than for
    /// the same mail to other addresses, and both come back whole, in order, also after a reopen.
    @Test func mailToTheUsersARunPutsIsCarriedByTheirPuts() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        var repository = try fixture.open()
        var queued: [MailIntent] = []
        func run(_ prefix: String, mailTo address: (Int) -> String) throws -> Int64 {
            let op = try repository.createOperation(
                kind: .userImport, fileName: prefix, uploadedBy: "admin", uploadedFile: try fixture.spool(),
                resendInvitations: false)
            let before = repository.journalSize
            let run = try repository.beginRun(operationID: op.id)
            for i in 0..<1_000 {
                run.put(RepositoryFixture.user("\(prefix)\(i)@x.org"))
                let intent = MailIntent(
                    kind: i % 2 == 0 ? .invitation : .activation, email: address(i), firstName: "Ann",
                    lastName: "Lee", operationID: op.id, rowNumber: i + 2)
                run.queueMail(intent)
                queued.append(intent)
            }
            try run.commit()
            return repository.journalSize - before
        }
        let carried = try run("put") { "put\($0)@x.org" }
        let separate = try run("other") { "someone\($0)@x.org" }
        #expect(carried + 1_000 * 20 < separate, "each intent of its own carries 20 bytes or more")
        #expect(try repository.pendingMail() == queued)
        repository.close()
        repository = try fixture.open()
        defer { repository.close() }
        #expect(try repository.pendingMail() == queued)
        #expect(repository.userCount == 2_000)
    }

    /// A data folder whose journal is of version 1 (mail in `mail` entries) opens as it was: the committed user is
    /// there, its mail is read back from the old segment, and new records go to a segment of version 2.
    @Test func versionOneJournalOpensAndIsNotAppendedTo() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        var repository = try fixture.open()
        let layout = repository.layout.journal
        repository.close()
        for number in try layout.segmentNumbers() { try FileSystem.remove(layout.segmentPath(number)) }
        let user = RepositoryFixture.user("old@x.org")
        var record = OperationRecord(id: 1, kind: .userImport, fileName: "old.csv", uploadedBy: "admin", createdAt: 1)
        let intent = MailIntent(
            kind: .invitation, email: user.email, firstName: user.firstName, lastName: user.lastName, operationID: 1,
            rowNumber: 2)
        let old = RecordFileHeader(fileType: "JRNL", contentVersion: 1)
        let journal = try Journal.open(
            layout: layout, segmentHeader: old, snapshotHeader: DataFolderLayout.snapshotHeader, log: { _ in },
            loadSnapshot: { _ in }, replay: { _, _ in })
        var entries: [JournalEntry] = [
            .operationCreated(record), .changes(operationID: 1, [.put(key: user.key, PackedUser(user))]),
        ]
        record.state = .completed
        entries += [.mail(operationID: 1, [intent]), .committed(record, mail: [])]
        for entry in entries {
            var writer = RecordWriter()
            entry.encode(into: &writer)
            try journal.append(writer.bytes)
        }
        journal.close()
        repository = try fixture.open()
        defer { repository.close() }
        #expect(repository.user(forKey: user.key) == user)
        #expect(repository.journal.currentSegment == 2)
        #expect(try repository.pendingMail() == [intent])
        try repository.markMailSpooled(operationID: 1)
        #expect(try repository.pendingMail().isEmpty)
        let header = try AtomicFile.read(path: layout.segmentPath(1)).prefix(RecordFileHeader.size)
        #expect(Array(header) == old.bytes, "the old segment keeps its version")
    }

    /// Journals written before mail went in chunks carry a commit's mail in its `committed` entry: still queued.
    @Test func mailInTheCommitEntryIsStillQueued() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        var repository = try fixture.open()
        let op = try repository.createOperation(
            kind: .bulkInvite, fileName: "old.txt", uploadedBy: "admin", uploadedFile: try fixture.spool(),
            resendInvitations: false)
        var record = try #require(repository.operation(id: op.id))
        record.state = .completed
        let intent = MailIntent(
            kind: .invitation, email: "old@x.org", firstName: "", lastName: "", operationID: op.id, rowNumber: 1)
        try repository.write([.committed(record, mail: [intent])], durable: true)
        repository.close()
        repository = try fixture.open()
        defer { repository.close() }
        #expect(try repository.pendingMail() == [intent])
        #expect(repository.operation(id: op.id)?.state == .completed)
        // Held in memory, it does not hold compaction off, and the snapshot keeps it.
        let segment = repository.journal.currentSegment
        try repository.compact()
        #expect(repository.journal.currentSegment == segment + 1)
        repository.close()
        repository = try fixture.open()
        #expect(try repository.pendingMail() == [intent])
    }
}
