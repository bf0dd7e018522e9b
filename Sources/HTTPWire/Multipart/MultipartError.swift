/// Why a `multipart/form-data` body was refused, with the byte offset in the body where it was noticed.
///
/// Malformed framing is answered with 400, a limit with 413, and a request that is not `multipart/form-data`
/// at all with 415 (see `status`). Offsets count from the first byte of the body (after any chunked framing).
public enum MultipartError: Error, Hashable, Sendable {
    /// The `Content-Type` is not `multipart/form-data` (RFC 7578 §4).
    case notFormData
    /// The `Content-Type` has no `boundary` parameter (RFC 2046 §5.1.1).
    case missingBoundary
    /// The boundary is empty, longer than 70 bytes, ends with a space or holds a byte outside `bchars`
    /// (RFC 2046 §5.1.1).
    case invalidBoundary
    /// The body does not begin with the boundary: something other than blank lines precedes it, usually
    /// because the boundary parameter does not match the body.
    case missingInitialBoundary(offset: Int)
    /// A boundary line is followed by something other than `--` or optional spaces and CRLF.
    case malformedBoundaryLine(offset: Int)
    /// A part header line is malformed: bare CR or LF, no colon, a name that is not a token, a control
    /// character in a value, or obsolete line folding.
    case malformedHeader(offset: Int)
    /// A part's header block is larger than `MultipartLimits.maxPartHeaderBytes`.
    case headerTooLarge(limit: Int, offset: Int)
    /// A part has more header fields than `MultipartLimits.maxHeaderFieldsPerPart`.
    case tooManyHeaderFields(limit: Int, offset: Int)
    /// The body has more parts than `MultipartLimits.maxParts`.
    case tooManyParts(limit: Int, offset: Int)
    /// A part has no `Content-Disposition`, or more than one (RFC 7578 §4.2).
    case missingContentDisposition(offset: Int)
    /// A part's `Content-Disposition` is not `form-data`, is malformed, or repeats a parameter.
    case invalidContentDisposition(offset: Int)
    /// A part's `Content-Disposition` has no `name`, or an empty one (RFC 7578 §4.2).
    case missingName(offset: Int)
    /// A part header that may appear once (`Content-Type`, `Content-Transfer-Encoding`) appears twice.
    case duplicateHeader(name: String, offset: Int)
    /// A part declares a `Content-Transfer-Encoding` other than `7bit`, `8bit` or `binary`; RFC 7578 §4.7
    /// deprecates the field and browsers never send it, so encoded bytes are refused rather than stored.
    case unsupportedTransferEncoding(offset: Int)
    /// The body ended before the close delimiter (`--boundary--`).
    case truncated(offset: Int)

    /// The byte offset in the body where the problem was noticed, or nil for errors of the `Content-Type`.
    public var offset: Int? {
        switch self {
        case .notFormData, .missingBoundary, .invalidBoundary: nil
        case .missingInitialBoundary(let offset), .malformedBoundaryLine(let offset), .malformedHeader(let offset),
            .headerTooLarge(_, let offset), .tooManyHeaderFields(_, let offset), .tooManyParts(_, let offset),
            .missingContentDisposition(let offset), .invalidContentDisposition(let offset),
            .missingName(let offset), .duplicateHeader(_, let offset), .unsupportedTransferEncoding(let offset),
            .truncated(let offset):
            offset
        }
    }
}

extension MultipartError: HTTPStatusError {
    /// 415 when the request is not a form upload, 413 for a limit, 400 for malformed framing.
    public var status: HTTPStatus {
        switch self {
        case .notFormData: .unsupportedMediaType
        case .headerTooLarge, .tooManyHeaderFields, .tooManyParts: .contentTooLarge
        default: .badRequest
        }
    }

    /// A short explanation for the client; it names limits but never echoes the client's bytes.
    public var publicMessage: String {
        switch self {
        case .notFormData: "The request is not multipart/form-data."
        case .missingBoundary: "The multipart/form-data request has no boundary."
        case .invalidBoundary: "The multipart boundary is invalid."
        case .missingInitialBoundary: "The form data does not start with its boundary."
        case .malformedBoundaryLine: "A boundary line of the form data is malformed."
        case .malformedHeader: "A part header of the form data is malformed."
        case .headerTooLarge(let limit, _): "A part header of the form data exceeds \(limit) bytes."
        case .tooManyHeaderFields(let limit, _): "A part of the form data has more than \(limit) header fields."
        case .tooManyParts(let limit, _): "The form data has more than \(limit) parts."
        case .missingContentDisposition: "A part of the form data has no single Content-Disposition."
        case .invalidContentDisposition: "A part of the form data has an invalid Content-Disposition."
        case .missingName: "A part of the form data has no name."
        case .duplicateHeader: "A part of the form data repeats a header."
        case .unsupportedTransferEncoding: "Content-Transfer-Encoding is not supported in form data."
        case .truncated: "The form data ended early."
        }
    }
}
