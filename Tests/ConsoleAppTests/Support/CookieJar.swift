/// The cookies a test client holds: `name=value` pairs taken from `Set-Cookie`, sent back as one `Cookie` header.
///
/// A value owned by one ``LoopbackHTTPClient``. Deliberately small: one site on loopback, so domain, path and
/// `Secure` are ignored; `Max-Age=0` (or negative) deletes, as RFC 6265 §5.2.2 has it.
struct CookieJar: Sendable {
    /// The cookies in the order they were first set.
    private(set) var cookies: [(name: String, value: String)] = []

    /// The value of the cookie called `name` (case-sensitive, as cookie names are), or nil.
    subscript(name: String) -> String? {
        cookies.first { $0.name == name }?.value
    }

    /// Stores every `Set-Cookie` of `response`, replacing cookies of the same name.
    mutating func store(from response: HTTPClientResponse) {
        for line in response.headers(named: "Set-Cookie") {
            let attributes = line.split(separator: ";").map { $0.trimmingPrefixSpaces() }
            guard let pair = attributes.first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            let isExpired = attributes.dropFirst().contains { attribute in
                let lower = attribute.lowercased()
                return lower.hasPrefix("max-age=") && (Int(lower.dropFirst(8)) ?? 1) <= 0
            }
            cookies.removeAll { $0.name == name }
            if !isExpired { cookies.append((name, value)) }
        }
    }

    /// Sets a cookie directly, as if the server had sent it.
    mutating func set(_ name: String, _ value: String) {
        cookies.removeAll { $0.name == name }
        cookies.append((name, value))
    }

    /// Forgets every cookie.
    mutating func removeAll() { cookies.removeAll() }

    /// The `Cookie` header value to send (RFC 6265 §5.4), or nil when the jar is empty.
    var headerValue: String? {
        cookies.isEmpty ? nil : cookies.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }
}

extension Substring {
    /// The substring without its leading spaces.
    fileprivate func trimmingPrefixSpaces() -> String {
        String(drop { $0 == " " })
    }
}
