import HTTPWire

/// Refuses unsafe requests sent by pages of other sites, from the `Origin` or `Referer` header
/// (OWASP CSRF Prevention Cheat Sheet, "Verifying origin with standard headers").
///
/// A defence in depth beside the CSRF token, and the only one for sign-in, which has no session yet.
public struct OriginPolicy: Sendable {
    /// The console's own origin, `scheme://host[:port]` (e.g. `https://console.example.org`); when nil, the
    /// request's origin must name the same host and port as its `Host` header.
    public let expectedOrigin: String?

    /// A policy expecting `expectedOrigin` (nil: compare with `Host`).
    public init(expectedOrigin: String? = nil) {
        self.expectedOrigin = expectedOrigin.map { $0.lowercased() }
    }

    /// Whether the request's source is this site. `Origin` is read first, then `Referer`; a request with
    /// neither is allowed (some privacy tools strip both; the CSRF token still guards it), `Origin: null` is not.
    public func allows(_ headers: HTTPHeaders) -> Bool {
        let source: String
        if let origin = headers["Origin"] {
            source = origin
        } else if let referer = headers["Referer"] {
            source = referer
        } else {
            return true
        }
        guard let origin = Self.origin(of: source) else { return false }
        if let expectedOrigin { return origin == expectedOrigin }
        guard let host = headers["Host"]?.trimmingOptionalWhitespace().lowercased(), !host.isEmpty else { return false }
        return origin.hasSuffix("://" + host)
    }

    /// `scheme://authority` of an absolute URL, lowercased, or nil when `url` is not one (e.g. `null`).
    static func origin(of url: String) -> String? {
        guard let separator = url.range(of: "://") else { return nil }
        let scheme = url[..<separator.lowerBound]
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        return (scheme + "://" + authority).lowercased()
    }
}
