/// Receives a request body's bytes as they arrive, so a large upload never sits in memory whole.
///
/// The server calls `write` on its loop thread for each decoded chunk (chunked framing already removed),
/// then `finish` once after the last byte, or `abandon` if the connection fails first; never again after
/// either. A thrown error ends the request with the error's status (see `HTTPStatusError`).
public protocol RequestBodySink: AnyObject, Sendable {
    /// Consumes the next bytes of the body. The buffer is only valid during the call.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Called once after the whole body was written.
    func finish() throws
    /// Called if the body will never complete (client gone, timeout, framing error); release what was made.
    func abandon()
}

/// An error that knows the HTTP status it should be answered with.
public protocol HTTPStatusError: Error {
    /// The status to answer with.
    var status: HTTPStatus { get }
    /// A message safe to show to the client.
    var publicMessage: String { get }
}
