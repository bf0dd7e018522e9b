/// One reply of an SMTP server: a three-digit code and one or more lines of text (RFC 5321 §4.2).
public struct SMTPReply: Sendable, Equatable {
    /// The reply code, 200-599 in practice (RFC 5321 §4.2.1).
    public var code: Int
    /// The text of each line, without the code, the separator and the line end.
    public var lines: [String]

    /// Makes a reply from its code and the text of its lines.
    public init(code: Int, lines: [String] = [""]) {
        self.code = code
        self.lines = lines
    }

    /// The class of the reply: `2` positive completion, `3` intermediate, `4` transient, `5` permanent.
    public var codeClass: Int { code / 100 }

    /// The reply as the server sent it, lines joined with `\n` (e.g. `550 5.1.1 no such user`), for logs and
    /// `.reason` files.
    public var text: String {
        lines.map { $0.isEmpty ? "\(code)" : "\(code) \($0)" }.joined(separator: "\n")
    }
}

/// Limits on what an SMTP client accepts from a server; each guards memory against a broken or hostile server.
public struct SMTPClientLimits: Sendable, Equatable {
    /// Longest reply line in bytes including CRLF; RFC 5321 §4.5.3.1.5 sets 512.
    public var maxReplyLineLength: Int
    /// Most lines in one multi-line reply (EHLO lists extensions, usually fewer than 20).
    public var maxReplyLines: Int

    /// Limits with the defaults named in each property.
    public init(maxReplyLineLength: Int = 512, maxReplyLines: Int = 100) {
        self.maxReplyLineLength = maxReplyLineLength
        self.maxReplyLines = maxReplyLines
    }
}
