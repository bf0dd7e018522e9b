/// How a request's body is delimited (RFC 9112 §6.3), derived from its head.
public enum BodyFraming: Sendable, Equatable {
    /// No body (no `Content-Length` or `Transfer-Encoding`, or `Content-Length: 0`).
    case none
    /// Exactly this many bytes follow the head (always more than zero).
    case contentLength(Int)
    /// A chunked body follows; decode it with `ChunkedDecoder`.
    case chunked

    /// The framing of `head`, by the same rules `RequestHeadParser` applies.
    ///
    /// - Throws: `WireError` for both `Content-Length` and `Transfer-Encoding`, several or invalid `Content-Length`,
    ///   `Transfer-Encoding` not ending in a single `chunked` (400) or naming another coding (501), and
    ///   `Transfer-Encoding` in HTTP/1.0.
    public init(head: RequestHead) throws(WireError) {
        let lengths = head.headers.values(named: "Content-Length")
        var length: Int? = 0
        if let first = lengths.first { length = Self.parseContentLength(Array(first.utf8)) }
        try self.init(
            contentLengthCount: lengths.count, contentLength: length,
            transferEncodings: head.headers.values(named: "Transfer-Encoding"), minorVersion: head.minorVersion)
    }

    /// The framing from the facts gathered while parsing: how many `Content-Length` fields there were and the value of
    /// the last one (nil if invalid), and the `Transfer-Encoding` values.
    init(
        contentLengthCount: Int, contentLength: Int?, transferEncodings: [String], minorVersion: Int
    ) throws(WireError) {
        if !transferEncodings.isEmpty {
            // RFC 9112 §6.1: both at once is how requests are smuggled past a proxy; refuse.
            guard contentLengthCount == 0 else { throw .contentLengthWithTransferEncoding }
            guard minorVersion >= 1 else { throw .transferEncodingInHTTP10 }
            try Self.checkTransferCodings(transferEncodings)
            self = .chunked
            return
        }
        switch contentLengthCount {
        case 0: self = .none
        case 1:
            guard let contentLength else { throw .invalidContentLength }
            self = contentLength == 0 ? .none : .contentLength(contentLength)
        default:
            // RFC 9112 §6.3 lets a recipient accept repeated equal values; refusing leaves no room for disagreement.
            throw .duplicateContentLength
        }
    }

    /// Parses `1*DIGIT` (RFC 9110 §8.6), or nil for anything else, including values that overflow `Int`.
    static func parseContentLength<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(byte - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// RFC 9112 §6.3: the final coding must be `chunked`, and it may appear once; any other coding is one this server
    /// does not implement (RFC 9112 §6.1 → 501).
    private static func checkTransferCodings(_ values: [String]) throws(WireError) {
        var codings: [Substring] = []
        for value in values { value.forEachCommaSeparatedToken { codings.append($0) } }
        func isChunked(_ coding: Substring) -> Bool { HTTPHeaders.namesMatch(String(coding), "chunked") }
        guard let last = codings.last, isChunked(last) else { throw .transferEncodingNotChunked }
        guard codings.dropLast().allSatisfy({ !isChunked($0) }) else { throw .transferEncodingNotChunked }
        guard codings.count == 1 else { throw .unsupportedTransferCoding }
    }
}
