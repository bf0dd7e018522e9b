import Testing

@testable import Mail

struct SMTPEnvelopeTests {
    private func data(_ text: String) throws -> String {
        let envelope = try SMTPEnvelope(sender: "a@b.c", recipients: ["d@e.f"], content: Array(text.utf8))
        return String(decoding: envelope.dataBytes, as: UTF8.self)
    }

    @Test(arguments: [
        ("Subject: x\r\n\r\nbody\r\n", "Subject: x\r\n\r\nbody\r\n.\r\n"),
        (".\r\n", "..\r\n.\r\n"),
        ("a\r\n.b\r\n..c\r\n", "a\r\n..b\r\n...c\r\n.\r\n"),
        ("no final line end", "no final line end\r\n.\r\n"),
        ("bare\nlf\n.x", "bare\r\nlf\r\n..x\r\n.\r\n"),
        ("bare\rcr", "bare\r\ncr\r\n.\r\n"),
        ("a.b\r\n", "a.b\r\n.\r\n"),
        ("", ".\r\n"),
    ])
    func dotStuffsAndTerminates(content: String, expected: String) throws {
        #expect(try data(content) == expected)
    }

    @Test(arguments: ["", "a b@c", "a@b>\r\nRCPT TO:<x@y", "é@x.y", "<a@b>"])
    func rejectsAddressesThatBreakTheCommand(address: String) {
        #expect(throws: SMTPError.invalidAddress(address)) {
            try SMTPEnvelope(sender: "a@b.c", recipients: [address], content: [])
        }
        #expect(throws: SMTPError.invalidAddress(address)) {
            try SMTPEnvelope(sender: address, recipients: ["d@e.f"], content: [])
        }
    }

    @Test func needsARecipient() {
        #expect(throws: SMTPError.self) { try SMTPEnvelope(sender: "a@b.c", recipients: [], content: []) }
    }
}
