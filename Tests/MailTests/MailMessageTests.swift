import Foundation
import Testing

@testable import Mail

struct MailMessageTests {
    private func message(name: String = "Ann Lee", subject: String = "You are invited") -> MailMessage {
        MailMessage(
            from: MailAddress(parsing: "Enrollment Console <no-reply@example.com>"),
            to: MailAddress(name: name, address: "ann@example.com"), subject: subject,
            textBody: "Hello \(name),\nJoin us: https://console.example.com/join?x=1",
            htmlBody: "<p>Hello \(name),</p>\n<p><a href=\"https://console.example.com/join?x=1\">Join</a></p>",
            date: 1_795_283_887_000, messageID: "import-1-row-2@enrollment.localhost")
    }

    @Test func rendersHeadersWithCRLFAndBothParts() {
        let text = String(decoding: message().rendered(), as: UTF8.self)
        #expect(text.hasPrefix("Date: "))
        #expect(text.contains("\r\nMessage-ID: <import-1-row-2@enrollment.localhost>\r\n"))
        #expect(text.contains("\r\nFrom: Enrollment Console <no-reply@example.com>\r\n"))
        #expect(text.contains("\r\nTo: Ann Lee <ann@example.com>\r\n"))
        #expect(text.contains("\r\nSubject: You are invited\r\n"))
        #expect(text.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(text.contains("Content-Type: text/html; charset=utf-8"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func encodesNonASCIINamesAndSubjectAsEncodedWords() {
        let text = String(decoding: message(name: "Zoë Ağça", subject: "Bienvenue, Zoë").rendered(), as: UTF8.self)
        #expect(text.contains("To: =?UTF-8?B?Wm/DqyBBxJ/Dp2E=?= <ann@example.com>"))
        #expect(text.contains("Subject: =?UTF-8?B?"))
        #expect(!text.utf8.contains { $0 >= 0x80 })
    }

    @Test func keepsEveryLineShort() {
        let long = String(repeating: "é and a long sentence ", count: 200)
        let bytes = MailMessage(
            from: MailAddress(address: "a@b.c"), to: MailAddress(address: "d@e.f"), subject: long, textBody: long,
            htmlBody: long, date: 0, messageID: "x@y"
        ).rendered()
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func dropsLineBreaksFromHeaderValues() {
        let text = String(decoding: message(subject: "Hi\r\nBcc: evil@example.com").rendered(), as: UTF8.self)
        #expect(!text.contains("\r\nBcc:"))
    }

    @Test(arguments: [
        (Int64(0), "Thu, 1 Jan 1970 00:00:00 +0000"),
        (Int64(951_782_400_000), "Tue, 29 Feb 2000 00:00:00 +0000"),
        (Int64(1_795_283_887_000), "Sat, 21 Nov 2026 17:58:07 +0000"),
    ])
    func formatsDates(milliseconds: Int64, expected: String) {
        #expect(RFC5322Date.format(milliseconds: milliseconds) == expected)
    }
}
