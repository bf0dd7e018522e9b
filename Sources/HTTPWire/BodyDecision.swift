/// What the server should do with a request's body, decided from its head before any body byte is read.
public enum BodyDecision: Sendable {
    /// Answer with this response without reading the body (e.g. 413 because `Content-Length` is too large,
    /// 404 for an unknown route); the connection is closed if a body was announced.
    case reject(Response)
    /// Keep the body in memory, up to `limit` bytes (more gets 413).
    case buffer(limit: Int)
    /// Stream the body into `sink`, up to `limit` bytes (more gets 413).
    case stream(limit: Int, sink: any RequestBodySink)
}
