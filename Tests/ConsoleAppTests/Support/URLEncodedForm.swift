/// Encodes form fields as `application/x-www-form-urlencoded`, byte for byte what a browser submits.
///
/// The WHATWG URL standard's urlencoded serializer: ASCII alphanumerics and `*-._` stay, space becomes `+`,
/// every other UTF-8 byte becomes `%XX`.
enum URLEncodedForm {
    /// The body for `fields`, in order, names and values both encoded.
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(encode(component: $0.0))=\(encode(component: $0.1))" }.joined(separator: "&")
    }

    /// One encoded name or value.
    static func encode(component: String) -> String {
        var result = ""
        for byte in component.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                result += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }
}
