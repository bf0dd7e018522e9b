import HTTPWire

/// Builds query strings for links: percent-encodes everything but unreserved characters (RFC 3986 §2.3).
enum URLQuery {
    static func encode(_ pairs: [(String, String)]) -> String {
        let parts = pairs.filter { !$0.1.isEmpty }.map { "\(escape($0.0))=\(escape($0.1))" }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// `text` percent-encoded for a query value (see `URLEncodedForm.encode`).
    static func escape(_ text: String) -> String { URLEncodedForm.encode(text) }
}
