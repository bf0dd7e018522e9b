/// Builds `Content-Disposition: attachment` values that name a file safely (RFC 6266 §4, RFC 8187).
public enum ContentDisposition {
    /// `attachment; filename="…"; filename*=UTF-8''…` for `fileName`.
    ///
    /// The quoted `filename` is an ASCII fallback for old clients: every character outside printable ASCII,
    /// and `"`, `\`, `/`, `%`, is replaced by `_`. The `filename*` form carries the exact name, UTF-8 and
    /// percent-encoded outside RFC 8187 `attr-char`. Neither part can contain a quote, CR or LF, so the header
    /// cannot be broken out of. An empty name becomes `download`.
    public static func attachment(fileName: String) -> String {
        let name = fileName.isEmpty ? "download" : fileName
        return "attachment; filename=\"\(asciiFallback(name))\"; filename*=UTF-8''\(extendedValue(name))"
    }

    /// The name reduced to printable ASCII with quoting-sensitive characters replaced by `_`.
    static func asciiFallback(_ name: String) -> String {
        var fallback = ""
        for scalar in name.unicodeScalars {
            let isPrintable = scalar.value >= 0x20 && scalar.value < 0x7F
            let isUnsafe = scalar == "\"" || scalar == "\\" || scalar == "/" || scalar == "%"
            fallback.unicodeScalars.append(isPrintable && !isUnsafe ? scalar : "_")
        }
        return fallback
    }

    /// The name as UTF-8 bytes, percent-encoding every byte that is not an RFC 8187 `attr-char`.
    static func extendedValue(_ name: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for byte in name.utf8 {
            if isAttributeCharacter(byte) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    // RFC 8187 §3.2.1: attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`"
    // / "|" / "~".
    private static func isAttributeCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$&+-.^_`|~".utf8.contains(byte)
        }
    }
}
