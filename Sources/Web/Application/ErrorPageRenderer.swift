import HTTPWire
import Templating

/// Renders the HTML page shown for an error status (404, 405, 413, 500, …).
///
/// The application implements it with its templates; it is called on whichever thread produced the error
/// and must not throw: a renderer that fails should fall back to `PlainErrorPageRenderer`. `message` is
/// plain text (never HTML) and must be escaped by the renderer.
public protocol ErrorPageRenderer: Sendable {
    /// The full HTML document for `status` with `message`.
    func renderErrorPage(status: HTTPStatus, message: String) -> String
}

/// The built-in error page: a minimal, self-contained HTML document with the status and the escaped message.
public struct PlainErrorPageRenderer: ErrorPageRenderer {
    /// A renderer with no configuration.
    public init() {}

    /// A page titled with the status code and reason phrase, showing `message` escaped.
    public func renderErrorPage(status: HTTPStatus, message: String) -> String {
        let title = HTMLEscaping.escape("\(status.code) \(status.reasonPhrase)")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>\(title)</title></head>
            <body><h1>\(title)</h1><p>\(HTMLEscaping.escape(message))</p></body>
            </html>

            """
    }
}
