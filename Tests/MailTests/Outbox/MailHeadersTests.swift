import Testing

@testable import Mail

struct MailHeadersTests {
    @Test(arguments: [
        "Zoë Ağça", "Bienvenue, Zoë — votre compte est prêt à être utilisé dès maintenant, merci", "plain", "日本語のテキスト",
    ])
    func decodesWhatTheEncoderWrites(text: String) {
        let folded = MIMEEncoding.unstructured(text)
        let unfolded = folded.replacingOccurrences(of: "\r\n", with: "")
        #expect(MIMEEncoding.decodingEncodedWords(unfolded) == text)
    }

    @Test(arguments: [
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        ("=?utf-8?q?a_b?=  =?utf-8?q?c?=", "a bc"),
        ("(=?ISO-8859-1?Q?a?=)", "(a)"),
        ("x =?bogus?Q?a?= y", "x =?bogus?Q?a?= y"),
        ("=?UTF-8?B?not base64!?=", "=?UTF-8?B?not base64!?="),
        ("a =?UTF-8?Q?b?= c", "a b c"),
    ])
    func decodesEncodedWordsOfRFC2047(value: String, expected: String) {
        #expect(MIMEEncoding.decodingEncodedWords(value) == expected)
    }

    @Test func unfoldsAndStopsAtTheBody() {
        let headers = MailHeaders(
            parsing: Array("Subject: a\r\n b\r\nTo: \"Lee, Ann\" <ann@x.y>, bob@x.y\r\n\r\nTo: c@d\r\n".utf8))
        #expect(headers["subject"] == "a b")
        #expect(
            headers.addresses("To") == [
                MailAddress(name: "Lee, Ann", address: "ann@x.y"), MailAddress(address: "bob@x.y"),
            ])
        #expect(headers.fields.count == 2)
    }

    @Test func readsComposedMessages() {
        let message = MailMessage.make(name: "Zoë Ağça", subject: "Bienvenue, Zoë")
        let headers = MailHeaders(parsing: message.rendered())
        #expect(headers.addresses("To") == [MailAddress(name: "Zoë Ağça", address: "ann@example.com")])
        #expect(MIMEEncoding.decodingEncodedWords(headers["Subject"] ?? "") == "Bienvenue, Zoë")
        #expect(headers["X-Enrollment-Kind"] == "invitation")
    }
}
