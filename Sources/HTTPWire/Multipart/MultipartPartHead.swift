/// The header fields of one part of a `multipart/form-data` body, validated (RFC 7578 §4.2–4.4).
public struct MultipartPartHead: Sendable {
    /// The field name from `Content-Disposition: form-data; name="…"`; never empty.
    public var name: String
    /// The client's file name from `filename*` (RFC 5987, preferred) or `filename`, unaltered; nil for a
    /// text field. Only for display: never use it as a path. May be empty (a file input left empty).
    public var filename: String?
    /// The part's `Content-Type` value, or nil when absent (RFC 7578 §4.4 then implies `text/plain`).
    public var contentType: String?
    /// Every header field of the part, in order.
    public var headers: HTTPHeaders

    /// Creates a head; the parser validates its fields before it makes one.
    public init(name: String, filename: String? = nil, contentType: String? = nil, headers: HTTPHeaders = HTTPHeaders())
    {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.headers = headers
    }

    /// Whether the part carries a file (has a `filename` parameter) rather than a text value.
    public var isFile: Bool { filename != nil }
}
