/// Splits the bytes an SMTP server sends into replies, single-line (`250 OK`) or multi-line (`250-a`, `250 b`).
///
/// A value fed bytes, never touching a socket: `append(_:)` what arrived, then call `next()` until it returns
/// `nil` ("need more data"). Lines end in CRLF; a bare LF is tolerated. Owned by one connection's thread.
struct SMTPReplyParser: Sendable {
    private var buffer: [UInt8] = []
    private var pendingCode: Int?
    private var pendingLines: [String] = []
    /// Line length and line count limits.
    let limits: SMTPClientLimits

    /// An empty parser.
    init(limits: SMTPClientLimits) {
        self.limits = limits
    }

    /// Adds bytes read from the server.
    mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete reply, or `nil` when more bytes are needed.
    ///
    /// - Throws: `SMTPError.replyLineTooLong` when a line passes `limits.maxReplyLineLength` bytes,
    ///   `SMTPError.tooManyReplyLines` past `limits.maxReplyLines`, `SMTPError.malformedReply` for a line that
    ///   does not start with three digits and a space, hyphen or line end, or whose code differs from the
    ///   reply's first line (RFC 5321 §4.2.1).
    mutating func next() throws(SMTPError) -> SMTPReply? {
        while true {
            guard let newline = buffer.firstIndex(of: 10) else {
                if buffer.count >= limits.maxReplyLineLength {
                    throw .replyLineTooLong(limit: limits.maxReplyLineLength)
                }
                return nil
            }
            if newline + 1 > limits.maxReplyLineLength { throw .replyLineTooLong(limit: limits.maxReplyLineLength) }
            var line = buffer[..<newline]
            buffer.removeSubrange(...newline)
            if line.last == 13 { line = line.dropLast() }
            let (code, isLast, text) = try Self.split(line)
            if let pendingCode, pendingCode != code { throw .malformedReply(line: Self.printable(line)) }
            pendingCode = code
            pendingLines.append(text)
            if pendingLines.count > limits.maxReplyLines { throw .tooManyReplyLines(limit: limits.maxReplyLines) }
            if isLast {
                let reply = SMTPReply(code: code, lines: pendingLines)
                pendingCode = nil
                pendingLines = []
                return reply
            }
        }
    }

    /// Code, whether this is the last line, and the text of one reply line (without its line end).
    private static func split(_ line: ArraySlice<UInt8>) throws(SMTPError) -> (Int, Bool, String) {
        let bytes = Array(line)
        guard bytes.count >= 3, bytes[0] >= UInt8(ascii: "2"), bytes[0] <= UInt8(ascii: "5"),
            bytes[1...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { throw .malformedReply(line: printable(line)) }
        let code = bytes[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        if bytes.count == 3 { return (code, true, "") }
        switch bytes[3] {
        case UInt8(ascii: " "): return (code, true, printable(line.dropFirst(4)))
        case UInt8(ascii: "-"): return (code, false, printable(line.dropFirst(4)))
        default: throw .malformedReply(line: printable(line))
        }
    }

    /// Server text made safe for logs and files: control characters other than tab become `?`.
    private static func printable(_ bytes: ArraySlice<UInt8>) -> String {
        let cleaned = bytes.map { $0 < 0x20 && $0 != 9 || $0 == 0x7F ? UInt8(ascii: "?") : $0 }
        return String(decoding: cleaned, as: UTF8.self)
    }
}
