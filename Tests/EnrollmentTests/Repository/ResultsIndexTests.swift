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
}
