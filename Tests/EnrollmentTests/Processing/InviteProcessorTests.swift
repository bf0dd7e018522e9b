import Foundation
import Testing

@testable import Enrollment

struct InviteProcessorTests {
    @Test func invitesTheSeedExampleAddresses() throws {
        var sink = MemorySink()
        let summary = try ImportProcessorTests.withFile(TestFiles.fixture("seed003-example.txt")) { path in
            try InviteProcessor.run(filePath: path, into: &sink, now: 5)
        }
        #expect(summary.rowCount == 3 && summary.counts[.invited] == 3 && summary.mailCount == 3)
        #expect(sink.mail.map(\.email) == ["Kore.aiUser1@kore.com", "Kore.aiUser2@kore.com", "Kore.aiUser3@kore.com"])
        #expect(sink.progress.first! == (0, 3) && sink.progress.last! == (3, 3))
    }

    @Test(arguments: [false, true])
    func appliesEveryRuleInFileOrder(resend: Bool) throws {
        let text = " new@x.org ,\r\n\r\nNEW@x.org; bad@; invited@x.org\tactive@x.org inactive@x.org\n\n"
        var sink = MemorySink([
            User.make("invited@x.org", state: .invited), User.make("active@x.org", state: .active),
            User.make("inactive@x.org", state: .inactive),
        ])
        _ = try ImportProcessorTests.withFile(Array(text.utf8)) { path in
            try InviteProcessor.run(
                filePath: path, into: &sink, now: 5, resendInvitations: resend, limits: ReadingLimits())
        }
        #expect(sink.results.map(\.rowNumber) == [1, 3, 3, 3, 3, 3])
        #expect(
            sink.results.map(\.outcome) == [
                .invited, .duplicate, .ignored, resend ? .reinvited : .skipped, .skipped, .skipped,
            ])
        #expect(sink.mail.map(\.email) == (resend ? ["new@x.org", "invited@x.org"] : ["new@x.org"]))
    }

    @Test func refusesAFileWithoutAddresses() throws {
        var sink = MemorySink()
        #expect(throws: FileRefusal.noAddresses) {
            try ImportProcessorTests.withFile(Array("\n \n".utf8)) { path in
                try InviteProcessor.run(filePath: path, into: &sink, now: 5)
            }
        }
        #expect(throws: FileRefusal.empty) {
            try ImportProcessorTests.withFile([]) { path in try InviteProcessor.run(filePath: path, into: &sink, now: 5)
            }
        }
    }
}
