/// A complete RFC 5322 message with a plain-text and an HTML alternative (RFC 2046 §5.1.4).
///
/// `rendered()` gives the bytes written to the outbox and, later, sent over SMTP: CRLF line ends, every line at
/// most 78 characters (bodies are quoted-printable, headers folded), so the 998-octet limit always holds.
public struct MailMessage: Sendable, Equatable {
    /// The `From` mailbox.
    public var from: MailAddress
    /// The `To` mailbox; also the envelope recipient when delivered.
    public var to: MailAddress
    /// The subject, plain text (encoded when rendered).
    public var subject: String
    /// The text/plain alternative.
    public var textBody: String
    /// The text/html alternative.
    public var htmlBody: String
    /// Milliseconds since 1970-01-01 UTC.
    public var date: Int64
    /// Without angle brackets, e.g. `import-12-row-7@enrollment.localhost`.
    public var messageID: String
    /// Extra headers, e.g. `X-Enrollment-Kind`.
    public var extraHeaders: [(String, String)]

    /// A message from its parts.
    public init(
        from: MailAddress, to: MailAddress, subject: String, textBody: String, htmlBody: String, date: Int64,
        messageID: String, extraHeaders: [(String, String)] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.date = date
        self.messageID = messageID
        self.extraHeaders = extraHeaders
    }

    public static func == (a: MailMessage, b: MailMessage) -> Bool {
        a.from == b.from && a.to == b.to && a.subject == b.subject && a.textBody == b.textBody
            && a.htmlBody == b.htmlBody && a.date == b.date && a.messageID == b.messageID
            && a.extraHeaders.map { "\($0.0):\($0.1)" } == b.extraHeaders.map { "\($0.0):\($0.1)" }
    }

    /// The message as bytes with CRLF line ends.
    public func rendered() -> [UInt8] {
        // Quoted-printable output never holds "=_" ("=" is always "=3D" or a soft break), so a boundary starting
        // with "=_" cannot occur in either body (RFC 2045 §6.7). The rest is a hash of the id, stable for a message.
        let hash = messageID.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        let boundary = "=_alt_" + String(hash, radix: 36)
        var lines: [String] = [
            "Date: \(RFC5322Date.format(milliseconds: date))",
            "Message-ID: <\(messageID)>",
            "From: \(from.headerValue)",
            "To: \(to.headerValue)",
            "Subject: \(MIMEEncoding.unstructured(subject))",
            "MIME-Version: 1.0",
        ]
        for (name, value) in extraHeaders { lines.append("\(name): \(MIMEEncoding.unstructured(value))") }
        lines += [
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MIMEEncoding.quotedPrintable(textBody),
            "--\(boundary)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MIMEEncoding.quotedPrintable(htmlBody),
            "--\(boundary)--",
            "",
        ]
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}
