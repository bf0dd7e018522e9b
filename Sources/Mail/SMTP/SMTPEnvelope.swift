/// One message to send: the envelope sender and recipients (RFC 5321 §2.3.1) and the message content.
public struct SMTPEnvelope: Sendable, Equatable {
    /// The reverse-path of `MAIL FROM`, where bounces go.
    public let sender: String
    /// The forward-paths of `RCPT TO`, at least one.
    public let recipients: [String]
    /// The message (RFC 5322 header and body) as stored, before dot-stuffing.
    public let content: [UInt8]

    /// Checks the addresses and keeps the content.
    ///
    /// - Throws: `SMTPError.invalidAddress` when there is no recipient, or an address is empty, not ASCII, or holds
    ///   a space, control character, `<` or `>` (which would break out of `MAIL FROM:<…>` or `RCPT TO:<…>`).
    public init(sender: String, recipients: [String], content: [UInt8]) throws(SMTPError) {
        guard !recipients.isEmpty else { throw .invalidAddress("(no recipient)") }
        for address in recipients where !Self.isValid(address) { throw .invalidAddress(address) }
        // An empty reverse-path (`MAIL FROM:<>`) is legal for bounces but not for what we send.
        guard Self.isValid(sender) else { throw .invalidAddress(sender) }
        self.sender = sender
        self.recipients = recipients
        self.content = content
    }

    private static func isValid(_ address: String) -> Bool {
        !address.isEmpty && address.utf8.count <= 254
            && address.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }

    /// The content as the DATA command carries it: line ends made CRLF, every line starting with `.` given one
    /// more `.` (RFC 5321 §4.5.2), a final CRLF added if missing, then the terminating `.` CRLF.
    public var dataBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.count + content.count / 64 + 5)
        var atLineStart = true
        var index = content.startIndex
        while index < content.endIndex {
            let byte = content[index]
            index += 1
            if byte == 13 || byte == 10 {
                // CRLF, a bare LF or a bare CR each end one line (RFC 5321 §2.3.8 forbids bare ones on the wire).
                if byte == 13 && index < content.endIndex && content[index] == 10 { index += 1 }
                out += [13, 10]
                atLineStart = true
                continue
            }
            if atLineStart && byte == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            out.append(byte)
            atLineStart = false
        }
        if !atLineStart { out += [13, 10] }
        out += [UInt8(ascii: "."), 13, 10]
        return out
    }
}

/// The relay's verdict on one message.
public enum SMTPDeliveryResult: Sendable, Equatable {
    /// The relay took responsibility for the message (2xx after the final dot); `reply` is its text.
    case accepted(reply: String)
    /// Try again later: a 4xx reply, or the connection failed before the relay answered; `reason` says which.
    case temporaryFailure(reason: String)
    /// The relay refused the message for good (5xx); `reason` is its reply.
    case permanentFailure(reason: String)

    /// The result a reply means: 2xx accepted, 5xx permanent, anything else (4xx, or a reply out of place)
    /// temporary.
    init(reply: SMTPReply) {
        switch reply.codeClass {
        case 2: self = .accepted(reply: reply.text)
        case 5: self = .permanentFailure(reason: reply.text)
        default: self = .temporaryFailure(reason: reply.text)
        }
    }
}
