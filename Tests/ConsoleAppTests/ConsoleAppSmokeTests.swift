import Testing

@testable import ConsoleApp

struct ConsoleAppSmokeTests {
    @Test func moduleLoads() {}
}
