import Synchronization
import Testing

@testable import Enrollment

/// The second reading thread: order, refusals after the rows before them, and a caller that stops early.
struct ReadAheadTests {
    /// Many more events than fit in flight, across batch boundaries, arrive all and in order.
    @Test(arguments: [0, 1, ReadAhead.batchSize, ReadAhead.batchSize + 1, 40_000])
    func deliversEveryEventInOrder(count: Int) throws {
        var received: [Int] = []
        try ReadAhead.run(
            read: { (emit) throws(FileRefusal) in
                for n in 0..<count { try emit(n) }
            },
            apply: { received.append($0) })
        #expect(received == Array(0..<count))
    }

    /// Each event's hint, made on the reading thread, reaches `lookAhead` once, in order, `lookAheadDistance`
    /// events before the event is applied (or as its batch arrives, for a batch's first events).
    @Test(arguments: [3, ReadAhead.batchSize, ReadAhead.batchSize * 3 + 5])
    func hintsArriveAheadOfTheirEvents(count: Int) throws {
        var hints: [Int] = []
        var appliedWhenHinted: [Int] = []
        var applied = 0
        try ReadAhead.run(
            read: { (emit) throws(FileRefusal) in
                for n in 0..<count { try emit(n) }
            },
            hint: { (n: borrowing Int) in n * 10 },
            lookAhead: { hint in
                hints.append(hint)
                appliedWhenHinted.append(applied)
            },
            apply: { n in
                #expect(hints.contains(n * 10), "event \(n) was hinted before it was applied")
                applied += 1
            })
        #expect(hints == (0..<count).map { $0 * 10 })
        for (n, appliedBefore) in appliedWhenHinted.enumerated() {
            let inBatch = n % ReadAhead.batchSize
            let expected = inBatch < ReadAhead.lookAheadDistance ? n - inBatch : n - ReadAhead.lookAheadDistance
            #expect(appliedBefore == expected, "hint \(n)")
        }
    }

    /// A refusal the reader finds mid-file comes after every event it read before it.
    @Test func aRefusalArrivesAfterTheEventsBeforeIt() {
        var received: [Int] = []
        #expect(throws: FileRefusal.tooManyRows(limit: 5, line: 6)) {
            try ReadAhead.run(
                read: { (emit) throws(FileRefusal) in
                    for n in 0..<1_234 { try emit(n) }
                    throw .tooManyRows(limit: 5, line: 6)
                },
                apply: { received.append($0) })
        }
        #expect(received == Array(0..<1_234))
    }

    /// When the caller fails, its error comes back, the reader stops soon (it does not read the rest of a large
    /// file) and has finished by the time `run` returns.
    @Test func aCallerThatFailsStopsTheReader() {
        let emitted = Atomic<Int>(0)
        let finished = Atomic<Bool>(false)
        #expect(throws: FileRefusal.sinkFailed("disk full")) {
            try ReadAhead.run(
                read: { (emit) throws(FileRefusal) in
                    defer { finished.store(true, ordering: .sequentiallyConsistent) }
                    for n in 0..<10_000_000 {
                        try emit(n)
                        emitted.add(1, ordering: .relaxed)
                    }
                },
                apply: { (n) throws(FileRefusal) in
                    if n == 700 { throw .sinkFailed("disk full") }
                })
        }
        let readerFinished = finished.load(ordering: .sequentiallyConsistent)
        let emittedCount = emitted.load(ordering: .relaxed)
        #expect(readerFinished)
        #expect(emittedCount <= ReadAhead.batchSize * (ReadAhead.maxBatchesAhead + 3))
    }

    /// The import reads through it: rows of a large file keep their order and numbers.
    @Test func importRowsKeepTheirOrder() throws {
        var text = "Email ID,First Name,Last Name,User Status\n"
        for n in 1...5_000 { text += "user\(n)@example.com,First,Last\(n),New\n" }
        var sink = MemorySink([])
        let summary = try ImportProcessorTests.withFile(Array(text.utf8)) { path in
            try ImportProcessor.run(filePath: path, into: &sink, now: 1)
        }
        #expect(summary.rowCount == 5_000)
        #expect(sink.results.map(\.rowNumber) == Array(2...5_001))
        #expect(sink.results.map(\.email) == (1...5_000).map { "user\($0)@example.com" })
    }
}
