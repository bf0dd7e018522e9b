import Testing

@testable import Enrollment

struct OutcomeCountsTests {
    @Test func positionsFollowAllCases() {
        #expect(RowOutcome.allCases.map(\.position) == Array(0..<RowOutcome.allCases.count))
    }

    @Test func countsTotalsAndListsOnlyPresentOutcomes() {
        var counts = OutcomeCounts()
        counts.add(.created, count: 3)
        counts.add(.failed)
        counts.add(.skipped, count: 0)
        #expect(counts[.created] == 3 && counts[.failed] == 1 && counts[.updated] == 0)
        #expect(counts.total == 4 && counts.succeeded == 3 && counts.unsuccessful == 1)
        #expect(counts.byOutcome == [.created: 3, .failed: 1])
        #expect(counts != OutcomeCounts() && OutcomeCounts() == OutcomeCounts())
    }
}
