/// The request line and header fields of one HTTP/1.1 request, as parsed (RFC 9112 §3, §5).
public struct RequestHead: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as received (origin-form: path and optional query).
    public var target: String
    /// The path part of `target`, still percent-encoded.
    public var path: String
    /// The query part of `target` without the `?`, or nil when there is none.
    public var query: String?
    /// The minor version: 1 for HTTP/1.1, 0 for HTTP/1.0.
    public var minorVersion: Int
    public var headers: HTTPHeaders

    public init(
        method: HTTPMethod, target: String, minorVersion: Int = 1, headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.method = method
        self.target = target
        if let mark = target.firstIndex(of: "?") {
            self.path = String(target[..<mark])
            self.query = String(target[target.index(after: mark)...])
        } else {
            self.path = target
            self.query = nil
        }
        self.minorVersion = minorVersion
        self.headers = headers
    }

    /// Whether the client asked to keep the connection open after this exchange (RFC 9112 §9.3).
    public var isKeepAlive: Bool {
        var hasClose = false
        var hasKeepAlive = false
        for field in headers.fields where HTTPHeaders.namesMatch(field.name, "Connection") {
            field.value.forEachCommaSeparatedToken { token in
                if HTTPHeaders.namesMatch(String(token), "close") { hasClose = true }
                if HTTPHeaders.namesMatch(String(token), "keep-alive") { hasKeepAlive = true }
            }
        }
        if minorVersion >= 1 { return !hasClose }
        return hasKeepAlive && !hasClose
    }

    /// Whether the client sent `Expect: 100-continue` (RFC 9110 §10.1.1).
    public var expectsContinue: Bool {
        headers["Expect"].map { $0.trimmingASCIISpaces().lowercased() == "100-continue" } ?? false
    }
}

extension String {
    /// Calls `body` with each element of a comma-separated list (RFC 9110 §5.6.1), whitespace trimmed, empty ones
    /// skipped; allocates nothing for the usual short values.
    func forEachCommaSeparatedToken(_ body: (Substring) -> Void) {
        var rest = self[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: ",") ?? rest.endIndex
            var token = rest[..<end]
            while let first = token.first, first == " " || first == "\t" { token = token.dropFirst() }
            while let last = token.last, last == " " || last == "\t" { token = token.dropLast() }
            if !token.isEmpty { body(token) }
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
        }
    }
}

extension Substring {
    func trimmingASCIISpaces() -> String {
        var view = self[...]
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}

extension String {
    func trimmingASCIISpaces() -> String { self[...].trimmingASCIISpaces() }
}
