/// One HTTP/1.1 response as ``LoopbackHTTPClient`` received it: status, headers in arrival order, decoded body.
///
/// A value; the body is already de-chunked. Header lookup ignores case, as RFC 9110 §5.1 requires.
struct HTTPClientResponse: Sendable {
    /// The status code, such as 200 or 303.
    let status: Int
    /// The reason phrase of the status line, possibly empty.
    let reason: String
    /// The header fields in the order they arrived, names as sent.
    let headers: [(name: String, value: String)]
    /// The body bytes after transfer decoding.
    let body: [UInt8]

    /// The body decoded as UTF-8 (invalid sequences become U+FFFD).
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The value of the first header field called `name`, ignoring case; nil when absent.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of the header fields called `name`, ignoring case, in arrival order (`Set-Cookie` repeats).
    func headers(named name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The `Location` header, for asserting redirects.
    var location: String? { header("Location") }

    /// Whether the status is a redirect (301, 302, 303, 307 or 308).
    var isRedirect: Bool { [301, 302, 303, 307, 308].contains(status) }
}
