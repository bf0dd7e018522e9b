/// A complete request as handed to the application: head, body and where it came from.
public struct Request: Sendable {
    public var head: RequestHead
    public var body: RequestBody
    /// The peer's address as text (e.g. `127.0.0.1`), for logs and throttling.
    public var remoteAddress: String

    public init(head: RequestHead, body: RequestBody = .empty, remoteAddress: String = "") {
        self.head = head
        self.body = body
        self.remoteAddress = remoteAddress
    }

    public var method: HTTPMethod { head.method }
    public var path: String { head.path }
    public var headers: HTTPHeaders { head.headers }
}

/// The body of a request after framing was removed.
public enum RequestBody: Sendable {
    case empty
    /// A body kept in memory (see `BodyDecision.buffer`).
    case bytes([UInt8])
    /// A body already consumed by a sink (see `BodyDecision.stream`); `finish()` has returned.
    case streamed(any RequestBodySink)

    /// The bytes of an in-memory body, or empty.
    public var bytes: [UInt8] {
        if case .bytes(let bytes) = self { return bytes }
        return []
    }
}
