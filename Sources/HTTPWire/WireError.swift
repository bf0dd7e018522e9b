/// Why request bytes were refused; each case knows the status to answer with (see `HTTPStatusError`).
///
/// Thrown by `RequestHeadParser`, `BodyFraming` and `ChunkedDecoder`. `at` is the byte offset from the first byte of
/// the head (for head errors) or of the chunked body (for chunk errors) where the problem was seen. After any of these
/// the connection must be closed: the framing of whatever follows can no longer be trusted (RFC 9112 §11.2).
public enum WireError: HTTPStatusError, Equatable, Sendable {
    /// The request line (with any leading empty lines) is longer than `WireLimits.maxRequestLineLength` → 414.
    case requestLineTooLong(limit: Int)
    /// The header section is longer than `WireLimits.maxHeaderSectionLength` → 431.
    case headerSectionTooLarge(limit: Int)
    /// More header fields than `WireLimits.maxHeaderCount` → 431.
    case tooManyHeaderFields(limit: Int)
    /// A CR not followed by LF (RFC 9112 §2.2) → 400.
    case bareCR(at: Int)
    /// A line ended by LF alone; this parser requires CRLF (RFC 9112 §2.2 allows either choice) → 400.
    case bareLF(at: Int)
    /// The method is empty or holds a byte that is not a token character (RFC 9110 §9.1) → 400.
    case invalidMethod(at: Int)
    /// The request target is empty, holds a byte outside visible ASCII, or has an unsupported form → 400.
    case invalidTarget(at: Int)
    /// The request line does not end in `HTTP/<digit>.<digit>` → 400.
    case invalidVersion(at: Int)
    /// A well-formed version other than HTTP/1.0 and HTTP/1.1 → 505.
    case unsupportedVersion(major: Int, minor: Int)
    /// `CONNECT` (authority-form): this server is not a proxy → 501.
    case connectNotSupported
    /// A field line starts with whitespace: obs-fold, or whitespace before the first field (RFC 9112 §5.2) → 400.
    case obsoleteLineFolding(at: Int)
    /// Whitespace between a field name and its colon (RFC 9112 §5.1) → 400.
    case whitespaceBeforeColon(at: Int)
    /// A field name is empty, holds a non-token byte, or the line has no colon → 400.
    case invalidFieldName(at: Int)
    /// A field value holds a control character other than HTAB (RFC 9110 §5.5) → 400.
    case invalidFieldValue(at: Int)
    /// An HTTP/1.1 request without a `Host` field, or any request with more than one (RFC 9112 §3.2) → 400.
    case missingOrDuplicateHost
    /// Both `Content-Length` and `Transfer-Encoding` (RFC 9112 §6.1, request smuggling) → 400.
    case contentLengthWithTransferEncoding
    /// More than one `Content-Length` value, even if equal (RFC 9112 §6.3) → 400.
    case duplicateContentLength
    /// A `Content-Length` that is not one or more digits, or does not fit in an `Int` → 400.
    case invalidContentLength
    /// `Transfer-Encoding` whose final coding is not `chunked`, or `chunked` twice (RFC 9112 §6.3) → 400.
    case transferEncodingNotChunked
    /// `Transfer-Encoding` in an HTTP/1.0 request, whose framing cannot be trusted (RFC 9112 §6.1) → 400.
    case transferEncodingInHTTP10
    /// A transfer coding this server does not implement (anything but `chunked`, RFC 9112 §6.1) → 501.
    case unsupportedTransferCoding
    /// A chunk size that is empty or holds a non-hex byte (RFC 9112 §7.1) → 400.
    case invalidChunkSize(at: Int)
    /// A chunk size that does not fit in an `Int` → 400.
    case chunkSizeOverflow(at: Int)
    /// A malformed chunk extension (RFC 9112 §7.1.1) → 400.
    case invalidChunkExtension(at: Int)
    /// A chunk extension longer than `WireLimits.maxChunkExtensionLength` → 400.
    case chunkExtensionTooLong(limit: Int)
    /// A chunk size line or chunk data not followed by CRLF → 400.
    case missingChunkCRLF(at: Int)
    /// A malformed trailer field line (RFC 9112 §7.1.2) → 400.
    case invalidTrailer(at: Int)
    /// A trailer section longer than `WireLimits.maxTrailerSectionLength` → 431.
    case trailerSectionTooLarge(limit: Int)
    /// A body longer than the limit the application chose (see `BodyDecision`) → 413.
    case bodyTooLarge(limit: Int)

    /// The status this error is answered with.
    public var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .headerSectionTooLarge, .tooManyHeaderFields, .trailerSectionTooLarge: .requestHeaderFieldsTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        case .connectNotSupported, .unsupportedTransferCoding: .notImplemented
        case .bodyTooLarge: .contentTooLarge
        default: .badRequest
        }
    }

    /// A short text for the client; it names the rule broken but echoes none of the request.
    public var publicMessage: String {
        switch self {
        case .requestLineTooLong(let limit): "Request line longer than \(limit) bytes."
        case .headerSectionTooLarge(let limit): "Header section longer than \(limit) bytes."
        case .tooManyHeaderFields(let limit): "More than \(limit) header fields."
        case .bareCR: "CR without LF."
        case .bareLF: "Line ended by LF without CR."
        case .invalidMethod: "Invalid method."
        case .invalidTarget: "Invalid request target."
        case .invalidVersion: "Invalid HTTP version."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .connectNotSupported: "CONNECT is not supported."
        case .obsoleteLineFolding: "Header line starts with whitespace (obsolete line folding)."
        case .whitespaceBeforeColon: "Whitespace before the colon of a header field."
        case .invalidFieldName: "Invalid header field name."
        case .invalidFieldValue: "Invalid character in a header field value."
        case .missingOrDuplicateHost: "Exactly one Host header field is required."
        case .contentLengthWithTransferEncoding: "Content-Length and Transfer-Encoding together."
        case .duplicateContentLength: "More than one Content-Length."
        case .invalidContentLength: "Invalid Content-Length."
        case .transferEncodingNotChunked: "Transfer-Encoding must end with chunked, once."
        case .transferEncodingInHTTP10: "Transfer-Encoding in an HTTP/1.0 request."
        case .unsupportedTransferCoding: "Unsupported transfer coding."
        case .invalidChunkSize: "Invalid chunk size."
        case .chunkSizeOverflow: "Chunk size too large."
        case .invalidChunkExtension: "Invalid chunk extension."
        case .chunkExtensionTooLong(let limit): "Chunk extension longer than \(limit) bytes."
        case .missingChunkCRLF: "Chunk not followed by CRLF."
        case .invalidTrailer: "Invalid trailer field."
        case .trailerSectionTooLarge(let limit): "Trailer section longer than \(limit) bytes."
        case .bodyTooLarge(let limit): "Body larger than \(limit) bytes."
        }
    }
}
