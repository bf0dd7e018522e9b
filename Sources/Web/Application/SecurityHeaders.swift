import HTTPWire

/// The header fields added to every response: pages, errors, redirects, downloads and static files.
///
/// The defaults allow only this origin's scripts, styles, images and form targets, forbid framing, plugins
/// and `<base>`, stop MIME sniffing and keep the path out of `Referer` for other sites. A response without a
/// `Cache-Control` of its own (everything but static files) gets `no-store`, so signed-in pages are never
/// kept by a browser or proxy.
public struct SecurityHeaders: Sendable {
    /// The fields set on every response, replacing any the handler set.
    public var fields: [(name: String, value: String)]
    /// The `Cache-Control` for responses that have none.
    public var defaultCacheControl: String

    /// The console's policy.
    public static let standard = SecurityHeaders(
        fields: [
            (
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
            ),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
        ],
        defaultCacheControl: "no-store")

    /// A policy with the given fields.
    public init(fields: [(name: String, value: String)], defaultCacheControl: String) {
        self.fields = fields
        self.defaultCacheControl = defaultCacheControl
    }

    /// `response` with the policy's fields set.
    public func apply(to response: Response) -> Response {
        var response = response
        for field in fields { response.headers.set(field.name, field.value) }
        if !response.headers.contains("Cache-Control") {
            response.headers.set("Cache-Control", defaultCacheControl)
        }
        return response
    }
}
