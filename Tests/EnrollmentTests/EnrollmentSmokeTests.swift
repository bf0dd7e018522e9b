import Testing

@testable import Enrollment

struct EnrollmentSmokeTests {
    @Test func moduleLoads() {}
}
