import Testing

@testable import Mail

struct RetryScheduleTests {
    @Test func doublesUpToTheCeiling() {
        let schedule = RetrySchedule(initialDelay: 1000, maximumDelay: 10_000, maximumAttempts: 5)
        #expect((1...6).map { schedule.delay(afterAttempts: $0) } == [1000, 2000, 4000, 8000, 10_000, 10_000])
        #expect(RetrySchedule().delay(afterAttempts: 10_000) == 3_600_000)
    }
}
