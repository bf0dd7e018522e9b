import Testing

@testable import HTTPWire

struct HTTPWireSmokeTests {
    @Test func moduleLoads() {}
}
