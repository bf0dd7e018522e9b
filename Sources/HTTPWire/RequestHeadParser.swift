/// Parses the request line and header section of one HTTP/1.1 request (RFC 9112 §2–§6) from bytes fed in any pieces.
///
/// A value owned by one connection: feed it bytes with `parse(_:)` until it returns `.complete`, then it is ready for
/// the next request. Each byte is looked at once; the bytes of an unfinished head are kept in a buffer whose capacity
/// is reused from request to request. After a thrown `WireError` the connection must be closed (or `reset()` called).
///
/// Rules beyond the grammar, chosen to reject ambiguity rather than guess:
/// - Lines end in CRLF. A bare LF is refused (`.bareLF`) like llhttp's strict mode, so that this server and any proxy
///   in front agree on where lines end; a bare CR is refused (`.bareCR`).
/// - Empty lines before the request line are skipped (RFC 9112 §2.2); they count towards the request-line limit.
/// - Targets: origin-form (`/path?query`); absolute-form (`http://host/path`, RFC 9112 §3.2.2), whose path and query
///   become `path`/`query` (the `Host` field is still required); asterisk-form (`*`) for `OPTIONS` only.
///   `CONNECT` (authority-form) is answered 501. Target bytes must be visible ASCII (0x21–0x7E).
/// - Field values: leading and trailing whitespace is removed; bytes 0x80–0xFF (obs-text) are accepted and decoded as
///   UTF-8 with replacement; other control characters than HTAB are refused.
/// - Framing rules are those of `BodyFraming`, checked here so that a bad head is refused before any body byte.
public struct RequestHeadParser: Sendable {
    /// Where the byte state machine stands: request line, then field lines, then the final CRLF.
    enum State: Sendable {
        case lineStart, leadingLF, method, target, version, requestLineLF
        case fieldStart, fieldName, valueLeading, value, fieldLF, endLF
    }

    /// Offsets into `storage` of one field line; the value is already trimmed.
    struct FieldSpan: Sendable {
        var nameStart = 0
        var nameEnd = 0
        var valueStart = 0
        var valueEnd = 0
    }

    /// The limits applied to every head.
    public let limits: WireLimits
    /// The body framing of the last head returned by `parse(_:)`.
    public internal(set) var framing: BodyFraming = .none

    /// The state before the next byte.
    var state = State.lineStart
    /// Every byte of the head received so far; offsets below index into it.
    var storage: [UInt8] = []
    /// Offsets into `storage` of the request-line parts (end offsets exclusive).
    var methodStart = 0
    var methodEnd = 0
    var targetStart = 0
    var targetEnd = 0
    var versionStart = 0
    /// The version digits, read as they arrive.
    var versionMajor = 0
    var versionMinor = 0
    /// Offset of the first field line, for the header-section limit.
    var headerStart = 0
    /// The complete field lines so far.
    var fields: [FieldSpan] = []
    /// The field line being read.
    var field = FieldSpan()
    /// Framing facts gathered as each field line ends (see `noteFraming`).
    var hostCount = 0
    var contentLengthCount = 0
    var contentLength = 0
    var hasTransferEncoding = false

    /// Makes a parser applying `limits`.
    public init(limits: WireLimits = .standard) {
        self.limits = limits
        storage.reserveCapacity(1024)
        fields.reserveCapacity(16)
    }

    /// Feeds the next bytes of the connection.
    ///
    /// - Returns: `.needMoreData` when all of `buffer` was taken and the head is still open, or `.complete` with the
    ///   head and how many bytes of `buffer` it used.
    /// - Throws: `WireError` for malformed heads and exceeded `limits`, as early as the offending byte is seen.
    public mutating func parse(_ buffer: UnsafeRawBufferPointer) throws(WireError) -> HeadParseResult {
        guard buffer.count > 0 else { return .needMoreData }
        let base = storage.count
        if let used = try scan(buffer, base: base) {
            storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<used]))
            let head = try makeHead()
            reset()
            return .complete(head, consumedBytes: used)
        }
        let end = base + buffer.count
        switch state {
        case .lineStart, .leadingLF, .method, .target, .version, .requestLineLF:
            if end > limits.maxRequestLineLength { throw .requestLineTooLong(limit: limits.maxRequestLineLength) }
        default:
            if end - headerStart > limits.maxHeaderSectionLength {
                throw .headerSectionTooLarge(limit: limits.maxHeaderSectionLength)
            }
        }
        storage.append(contentsOf: buffer)
        return .needMoreData
    }

    /// Forgets any partial head, keeping buffer capacity, so the parser can start on a new request.
    public mutating func reset() {
        state = .lineStart
        storage.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        headerStart = 0
        hostCount = 0
        contentLengthCount = 0
        contentLength = 0
        hasTransferEncoding = false
    }

    /// Whether the first byte of a request line has been fed since the last complete head (empty lines between
    /// requests do not count), e.g. to choose between the idle and the header-read timeout.
    public var hasPartialHead: Bool { state != .lineStart && state != .leadingLF }
}
