/// A response to send: status, header fields and body.
///
/// The server adds `Date`, `Content-Length` (or chunking) and `Connection` itself, and drops the body for HEAD.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: ResponseBody

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: ResponseBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The body of a response.
public enum ResponseBody: Sendable {
    case empty
    case bytes([UInt8])
    /// `length` bytes of the file at `path` from `offset`, sent without loading it whole.
    case file(path: String, offset: Int, length: Int)

    /// The number of bytes the body holds.
    public var count: Int {
        switch self {
        case .empty: 0
        case .bytes(let bytes): bytes.count
        case .file(_, _, let length): length
        }
    }
}
