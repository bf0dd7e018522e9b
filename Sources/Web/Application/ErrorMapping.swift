import HTTPWire

/// The one place where errors become responses.
///
/// An `HTTPStatusError` is answered with its status and public message on an error page (405 adds `Allow`);
/// any other error is logged with the request line and answered 500 with a fixed message, so its details
/// never reach the client.
struct ErrorMapping: Sendable {
    let errorPages: any ErrorPageRenderer
    let logError: @Sendable (String) -> Void

    /// The message shown for every unexpected error.
    static let internalErrorMessage = "Something went wrong on our side. The error was logged."

    /// The error page for `error` raised while answering `head`.
    func response(for error: any Error, head: RequestHead) -> Response {
        guard let known = error as? any HTTPStatusError else {
            logError("500 for \(head.method) \(head.path): \(String(reflecting: error))")
            return page(status: .internalServerError, message: Self.internalErrorMessage)
        }
        var response = page(status: known.status, message: known.publicMessage)
        if case .methodNotAllowed(let allowed) = known as? WebError {
            response.headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
        }
        return response
    }

    /// An error page for `status` with `message` (plain text, escaped by the renderer).
    func page(status: HTTPStatus, message: String) -> Response {
        .html(errorPages.renderErrorPage(status: status, message: message), status: status)
    }
}
