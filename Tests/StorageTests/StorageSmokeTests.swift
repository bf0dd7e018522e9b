import Testing

@testable import Storage

struct StorageSmokeTests {
    @Test func moduleLoads() {}
}
