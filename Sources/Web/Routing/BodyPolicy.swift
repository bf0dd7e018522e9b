import HTTPWire

/// What a route does with a request body, decided before any body byte is read.
public enum BodyPolicy: Sendable {
    /// The route takes no body: a request announcing one is answered 413 without reading it.
    case none
    /// The body is kept in memory up to `limit` bytes (more: 413); for URL-encoded forms.
    case buffer(limit: Int)
    /// The body is streamed into a sink made per request by `makeSink`, up to `limit` bytes (more: 413); for
    /// uploads. `makeSink` runs on the server's loop thread and may throw an `HTTPStatusError` (e.g. 415 for a
    /// wrong content type) to reject the request before its body is read.
    case stream(limit: Int, makeSink: @Sendable (RequestHead) throws -> any RequestBodySink)

    /// The default for form posts: a buffer of 64 KiB, matching `URLEncodedForm.Limits().maxBytes`.
    public static let form = BodyPolicy.buffer(limit: 64 * 1024)

    /// The most bytes the route accepts.
    public var limit: Int {
        switch self {
        case .none: 0
        case .buffer(let limit), .stream(let limit, _): limit
        }
    }
}
