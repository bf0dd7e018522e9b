import Storage
import TestSupport
import Testing

@testable import Enrollment

struct ResultsIndexTests {
    /// The file's pages (all rows and each outcome, at the edges of each section) are those of the index in
    /// memory, and its sections are u64 little-endian offsets right after the table, all rows first.
    @Test func writtenIndexReadsBackPageForPage() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var index = ResultsIndex()
        var generator = SplitMix64(seed: 9)
        var offset: Int64 = 16
        for _ in 0..<70_000 {
            let outcome = StableCodes.outcomes[Int.random(in: 0..<4, using: &generator) * 2]
            index.add(offset: offset, outcome: outcome)
            offset += Int64.random(in: 20..<5_000_000, using: &generator)
        }
        let path = dir.path + "/op-1.index"
        try index.write(to: path)
        for outcome in [nil] + StableCodes.outcomes.map(Optional.some) {
            let total = index.page(outcome: outcome, offset: 0, limit: 0).total
            for (start, limit) in [(0, 10), (total - 3, 10), (total / 2, 1_000), (total, 5), (0, 0)] {
                let stored = try ResultsIndex.readPage(path: path, outcome: outcome, offset: start, limit: limit)
                let live = index.page(outcome: outcome, offset: start, limit: limit)
                #expect(stored.offsets == live.offsets && stored.total == live.total, "\(String(describing: outcome))")
            }
        }
        let bytes = try AtomicFile.read(path: path)
        let first = bytes[Int(ResultsIndex.sectionsStart)..<Int(ResultsIndex.sectionsStart) + 8]
        #expect(Array(first) == [16, 0, 0, 0, 0, 0, 0, 0])
        #expect(bytes.count == Int(ResultsIndex.sectionsStart) + 2 * 70_000 * 8)
    }

    /// A filtered page in memory is the outcome's rows in order, whatever the offset and limit, across the blocks
    /// the search starts from (outcomes bunched in runs, so some blocks hold none of an outcome).
    @Test func livePagesAreTheOutcomesRowsInOrder() {
        var index = ResultsIndex()
        index.reserveCapacity(10)
        var generator = SplitMix64(seed: 4)
        var rows: [(offset: Int64, outcome: RowOutcome)] = []
        var outcome = RowOutcome.created
        for row in 0..<(3 * ResultsIndex.blockSize + 17) {
            if Int.random(in: 0..<700, using: &generator) == 0 {
                outcome = [.created, .updated, .failed, .ignored].randomElement(using: &generator)!
            }
            rows.append((Int64(row * 100), outcome))
            index.add(offset: Int64(row * 100), outcome: outcome)
        }
        for outcome in [RowOutcome.created, .updated, .failed, .ignored, .deleted] {
            let expected = rows.filter { $0.outcome == outcome }.map(\.offset)
            for _ in 0..<200 {
                let start = Int.random(in: -2...(expected.count + 2), using: &generator)
                let limit = Int.random(in: -1...3_000, using: &generator)
                let page = index.page(outcome: outcome, offset: start, limit: limit)
                let from = min(max(0, start), expected.count)
                let want = Array(expected[from..<min(expected.count, from + max(0, limit))])
                #expect(page.offsets == want && page.total == expected.count, "\(outcome) \(start) \(limit)")
            }
        }
    }
}
