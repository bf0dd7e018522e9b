#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming `multipart/form-data` parser (RFC 7578, RFC 2046 §5.1): fed body bytes in chunks of any size,
/// it reports parts as `MultipartEvent`s and never touches sockets or files.
///
/// Feed every chunk with `feed(_:_:)`, then call `finish()` once. Results do not depend on how the body is
/// split. Blank lines before the first boundary and anything after the close delimiter are ignored; a boundary
/// that is not followed by `--` or by optional spaces and CRLF is data (RFC 2046 §5.1.1), so file content that
/// merely resembles a boundary comes back intact. Part bodies are not size-limited here: the handler counts
/// bytes per part. After a thrown error the parser stays failed and throws the same error again.
///
/// The value is confined to one thread at a time, like any mutable value.
public struct MultipartParser: Sendable {
    /// The boundary the body is split on.
    public let boundary: MultipartBoundary
    /// The limits enforced while parsing.
    public let limits: MultipartLimits
    /// `CRLF "--" boundary`: the delimiter that ends a part body. It contains CR only at index 0, so a partial
    /// match can only begin at a CR, and bytes held during a partial match are always a prefix of it.
    let delimiter: [UInt8]
    var state: State = .preamble(matched: 0)
    /// Bytes of the body consumed by earlier calls to `feed`.
    var consumed = 0
    var partCount = 0
    var header = PartHeaderReader()
    var failure: MultipartError?

    /// Where the parser is in the body.
    enum State {
        /// Before the first boundary: skipping blank lines; `matched` bytes of `--boundary` seen.
        case preamble(matched: Int)
        /// A delimiter was matched; deciding from the bytes after it whether it is real (see `BoundaryLine`).
        case boundaryLine(BoundaryLine, isPartOpen: Bool)
        /// Reading a part's header block.
        case headers
        /// Inside a part body; the last `matched` bytes fed (not yet reported) equal `delimiter[..<matched]`.
        case body(matched: Int)
        /// After the close delimiter: everything is ignored.
        case epilogue
    }

    /// What followed a matched delimiter so far.
    enum BoundaryLine {
        case start
        case dash
        /// Spaces or tabs of transport padding (kept in `padding`).
        case padding
        case carriageReturn
    }

    /// The most spaces and tabs accepted between a boundary and its CRLF; beyond this the line is not a
    /// boundary (RFC 2046 §5.1.1 allows transport padding but gives no bound).
    static let maxTransportPadding = 64
    var padding: [UInt8] = []

    /// Creates a parser for a body split on `boundary`.
    public init(boundary: MultipartBoundary, limits: MultipartLimits = MultipartLimits()) {
        self.boundary = boundary
        self.limits = limits
        delimiter = Array("\r\n--\(boundary.value)".utf8)
    }

    /// Parses the next bytes of the body, calling `handle` for each event found in them, in order.
    ///
    /// `partData` buffers point into `bytes` (or into the parser, for bytes held back while a possible
    /// delimiter straddled two chunks) and are valid only during the call to `handle`.
    /// - Throws: a `MultipartError` for malformed framing or an exceeded limit, with its byte offset, or any
    ///   error `handle` throws; no event is reported after an error.
    public mutating func feed(
        _ bytes: UnsafeRawBufferPointer, _ handle: (MultipartEvent) throws(MultipartError) -> Void
    ) throws(MultipartError) {
        if let failure { throw failure }
        do {
            try run(bytes, handle)
            consumed += bytes.count
        } catch {
            failure = error
            throw error
        }
    }

    /// Checks that the body ended properly, after the last call to `feed`.
    /// - Throws: `.truncated` when the close delimiter never came, or the error that stopped the parser.
    public mutating func finish() throws(MultipartError) {
        if let failure { throw failure }
        guard case .epilogue = state else {
            let error = MultipartError.truncated(offset: consumed)
            failure = error
            throw error
        }
    }

    /// Whether the close delimiter was seen (the rest of the body is ignored).
    public var isComplete: Bool {
        if case .epilogue = state { return true }
        return false
    }

    private mutating func run(
        _ input: UnsafeRawBufferPointer, _ handle: (MultipartEvent) throws(MultipartError) -> Void
    ) throws(MultipartError) {
        var index = 0
        while index < input.count {
            switch state {
            case .body(let matched):
                index = try scanBody(input, from: index, matched: matched, handle)
            case .headers:
                index = try readHeaders(input, from: index, handle)
            case .boundaryLine(let line, let isPartOpen):
                if try readBoundaryLine(input[index], line, isPartOpen: isPartOpen, offset: consumed + index, handle) {
                    index += 1
                }
            case .preamble(let matched):
                try readPreamble(input[index], matched: matched, offset: consumed + index)
                index += 1
            case .epilogue:
                // RFC 2046 §5.1.1: the epilogue is to be ignored.
                index = input.count
            }
        }
    }

    private mutating func readPreamble(_ byte: UInt8, matched: Int, offset: Int) throws(MultipartError) {
        // The dash-boundary is the delimiter without its leading CRLF.
        if byte == delimiter[2 + matched] {
            let next = matched + 1
            state = next == delimiter.count - 2 ? .boundaryLine(.start, isPartOpen: false) : .preamble(matched: next)
            return
        }
        // Only blank lines may precede the first boundary; see `MultipartError.missingInitialBoundary`.
        let isBlank = byte == 13 || byte == 10 || byte == 32 || byte == 9
        guard matched == 0, isBlank else { throw .missingInitialBoundary(offset: offset) }
    }
}
