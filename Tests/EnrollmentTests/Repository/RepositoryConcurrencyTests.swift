import Storage
import Synchronization
import Testing

@testable import Enrollment

/// Shared between the reader and writer tasks of a test.
private final class Flags: Sendable {
    let isDone = Atomic<Bool>(false)
    let readings = Atomic<Int>(0)
}

struct RepositoryConcurrencyTests {
    /// While imports of 100 users each commit, readers never see a part of one: the user count is a multiple of
    /// 100 and lies between the completed operations counted before and after it.
    @Test func readersNeverSeeHalfAnOperation() async throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        let repository = try fixture.open()
        defer { repository.close() }
        let flags = Flags()
        @Sendable func completed() -> Int {
            repository.operations(kind: .userImport, offset: 0, limit: Int.max).records.filter {
                $0.state == .completed
            }.count
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            // One reader: the cooperative pool may have only two threads, and the writer needs one.
            for _ in 0..<1 {
                group.addTask {
                    while !flags.isDone.load(ordering: .acquiring) {
                        let before = completed()
                        let users = repository.userCount
                        let listed = repository.users(matching: "", offset: 0, limit: 0).total
                        let after = completed()
                        #expect(users % 100 == 0 && listed % 100 == 0)
                        #expect(before * 100 <= users && users <= after * 100)
                        flags.readings.add(1, ordering: .relaxed)
                        await Task.yield()
                    }
                }
            }
            group.addTask {
                defer { flags.isDone.store(true, ordering: .releasing) }
                for i in 0..<30 {
                    try fixture.importUsers(repository, (0..<100).map { RepositoryFixture.user("r\(i)-\($0)@x.org") })
                }
            }
            try await group.waitForAll()
        }
        #expect(repository.userCount == 3000)
        #expect(flags.readings.load(ordering: .relaxed) > 0)
    }

    /// 100,000 results: pages and outcome filters come from the index; a page is read without touching other
    /// records (a record damaged far away does not disturb it), and a live run pages too.
    @Test func pagesAndFiltersOneHundredThousandResults() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        let repository = try fixture.open()
        defer { repository.close() }
        let op = try repository.createOperation(
            kind: .userImport, fileName: "big.csv", uploadedBy: "admin", uploadedFile: try fixture.spool(),
            resendInvitations: false)
        let run = try repository.beginRun(operationID: op.id)
        let outcomes: [RowOutcome] = [.created, .created, .skipped, .failed, .ignored]
        for row in 0..<100_000 {
            let outcome = outcomes[row % outcomes.count]
            try run.record(RowResult(rowNumber: row + 2, email: "p\(row)@x.org", action: .new, outcome: outcome))
        }
        let live = try repository.results(operationID: op.id, outcome: .failed, offset: 10, limit: 3)
        #expect(live.total == 20_000 && live.results.map(\.rowNumber) == [55, 60, 65])
        let record = try run.commit()
        #expect(record.counts[.created] == 40_000 && record.counts[.failed] == 20_000)
        let page = try repository.results(operationID: op.id, outcome: nil, offset: 99_990, limit: 50)
        #expect(page.total == 100_000 && page.results.count == 10 && page.results.first?.rowNumber == 99_992)
        let skipped = try repository.results(operationID: op.id, outcome: .skipped, offset: 1_000, limit: 2)
        #expect(skipped.total == 20_000 && skipped.results.map(\.email) == ["p5002@x.org", "p5007@x.org"])
        #expect(try repository.results(operationID: op.id, outcome: .deleted, offset: 0, limit: 5).total == 0)
        var streamed = 0
        try repository.forEachResult(operationID: op.id) { result in
            #expect(result.rowNumber == streamed + 2)
            streamed += 1
        }
        #expect(streamed == 100_000)
        // Damage a record near the end: the first page still reads, the damaged one fails.
        let resultsPath = fixture.path + "/results/op-\(op.id).results"
        var bytes = try AtomicFile.read(path: resultsPath)
        bytes[bytes.count - 5] ^= 0xFF
        try AtomicFile.write(path: resultsPath, bytes: bytes)
        #expect(try repository.results(operationID: op.id, outcome: nil, offset: 0, limit: 20).results.count == 20)
        #expect(throws: RepositoryError.self) {
            try repository.results(operationID: op.id, outcome: nil, offset: 99_999, limit: 1)
        }
    }
}
