import TestSupport
import Testing

@testable import Mail

struct SMTPReplyParserTests {
    private let ehlo = Array("250-sink.test\r\n250-SIZE 33554432\r\n250-8BITMIME\r\n250 HELP\r\n220 next\r\n".utf8)

    private func replies(_ chunks: [ArraySlice<UInt8>], limits: SMTPClientLimits = SMTPClientLimits()) throws
        -> [SMTPReply]
    {
        var parser = SMTPReplyParser(limits: limits)
        var out: [SMTPReply] = []
        for chunk in chunks {
            parser.append(chunk)
            while let reply = try parser.next() { out.append(reply) }
        }
        return out
    }

    private let expected = [
        SMTPReply(code: 250, lines: ["sink.test", "SIZE 33554432", "8BITMIME", "HELP"]),
        SMTPReply(code: 220, lines: ["next"]),
    ]

    @Test func parsesMultiLineRepliesWhole() throws {
        #expect(try replies([ehlo[...]]) == expected)
    }

    @Test func parsesOneByteAtATime() throws {
        #expect(try replies(ehlo.indices.map { ehlo[$0...$0] }) == expected)
    }

    @Test(arguments: 1..<20)
    func parsesAtRandomSplitPoints(seed: Int) throws {
        var generator = SplitMix64(seed: UInt64(seed))
        var cuts = (0..<3).map { _ in Int(generator.next() % UInt64(ehlo.count)) }.sorted()
        cuts = [0] + cuts + [ehlo.count]
        let chunks = zip(cuts, cuts.dropFirst()).map { ehlo[$0..<$1] }
        #expect(try replies(chunks) == expected)
    }

    @Test func acceptsBareLineFeedAndCodeWithoutText() throws {
        #expect(try replies([Array("354\n".utf8)[...]]) == [SMTPReply(code: 354, lines: [""])])
    }

    @Test func rendersReplyText() {
        #expect(SMTPReply(code: 550, lines: ["5.1.1 no such user"]).text == "550 5.1.1 no such user")
        #expect(SMTPReply(code: 250, lines: ["a", "b"]).text == "250 a\n250 b")
    }

    @Test(arguments: ["25 short\r\n", "abc text\r\n", "250_x\r\n", "650 six\r\n", "250-a\r\n251 b\r\n"])
    func rejectsMalformedLines(text: String) {
        #expect(throws: SMTPError.self) { try replies([Array(text.utf8)[...]]) }
    }

    @Test func limitsLineLengthEvenWithoutLineEnd() throws {
        let limits = SMTPClientLimits(maxReplyLineLength: 16)
        let long = Array(("250 " + String(repeating: "x", count: 20)).utf8)
        #expect(throws: SMTPError.replyLineTooLong(limit: 16)) { try replies([long[...]], limits: limits) }
        let exact = Array("250 0123456789\r\n".utf8)
        #expect(try replies([exact[...]], limits: limits).count == 1)
    }

    @Test func limitsLineCount() {
        let text = String(repeating: "250-x\r\n", count: 5) + "250 end\r\n"
        #expect(throws: SMTPError.tooManyReplyLines(limit: 3)) {
            try replies([Array(text.utf8)[...]], limits: SMTPClientLimits(maxReplyLines: 3))
        }
    }
}
