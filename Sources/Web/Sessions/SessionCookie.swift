import HTTPWire

/// How the session id travels: the cookie's name and attributes, and reading it back.
public struct SessionCookie: Sendable {
    /// The cookie name.
    public let name: String
    /// Whether the cookie is sent over HTTPS only (`Secure`); set it whenever the console is served by HTTPS.
    public let isSecure: Bool

    /// A cookie named `name`; with `isSecure` the default name gets the `__Host-` prefix, which browsers only
    /// accept with `Secure`, `Path=/` and no `Domain` (RFC 6265bis §4.1.3.2).
    public init(name: String? = nil, isSecure: Bool) {
        self.name = name ?? (isSecure ? "__Host-session" : "session")
        self.isSecure = isSecure
    }

    /// The `Set-Cookie` value that stores `sessionID`: `HttpOnly` (no script can read it), `SameSite=Lax` (not
    /// sent on cross-site POSTs), `Path=/`, `Secure` when configured; a browser-session cookie (no `Max-Age`).
    public func setCookie(_ sessionID: String) -> String {
        "\(name)=\(sessionID); \(attributes)"
    }

    /// The `Set-Cookie` value that deletes the cookie (sign-out).
    public func clearCookie() -> String {
        "\(name)=; Max-Age=0; \(attributes)"
    }

    /// The session id the request carries, or nil. Every `Cookie` field is read (RFC 6265 §5.4 allows one,
    /// HTTP/2 gateways may split them); the first pair with the cookie's name wins.
    public func sessionID(in headers: HTTPHeaders) -> String? {
        for field in headers.values(named: "Cookie") {
            for pair in field.split(separator: ";") {
                let trimmed = String(pair).trimmingOptionalWhitespace()
                guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals] == name else { continue }
                return String(trimmed[trimmed.index(after: equals)...])
            }
        }
        return nil
    }

    private var attributes: String {
        "Path=/; HttpOnly; SameSite=Lax" + (isSecure ? "; Secure" : "")
    }
}
