/// Builds query strings for links: percent-encodes everything but unreserved characters (RFC 3986 §2.3).
enum URLQuery {
    static func encode(_ pairs: [(String, String)]) -> String {
        let parts = pairs.filter { !$0.1.isEmpty }.map { "\(escape($0.0))=\(escape($0.1))" }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
