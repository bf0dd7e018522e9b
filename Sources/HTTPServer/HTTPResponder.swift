import HTTPWire

/// The application behind an `HTTPServer`: decides what to do with each request body, then answers the request.
///
/// Both methods are called on the event-loop thread that owns the connection, so they must not block; slow work goes
/// elsewhere and calls `completion` when done. Requests of one connection are presented one at a time, in order.
///
/// `bodyDecision` is asked for every request, with or without a body: `.reject` answers at once without calling
/// `respond` (and closes the connection if a body was announced); a `.stream` sink of a request without a body gets
/// `finish()` at once. A body over the decision's limit is answered 413 — before any of it is read when
/// `Content-Length` announces it. Errors thrown by a sink are answered with their `HTTPStatusError` status (else 500).
public protocol HTTPResponder: Sendable {
    /// Loop thread, before any body byte is read: what to do with the body (reject, buffer, stream to a sink).
    func bodyDecision(for head: RequestHead) -> BodyDecision
    /// Loop thread, once the body is complete. Must call `completion` exactly once, from any thread.
    func respond(to request: Request, completion: @escaping @Sendable (Response) -> Void)
}
