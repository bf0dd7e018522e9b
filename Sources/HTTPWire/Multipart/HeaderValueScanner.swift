/// Reads a header value of the form `type *( ";" name "=" ( token / quoted-string ) )` (RFC 9110 §5.6.6),
/// as used by `Content-Type` and `Content-Disposition`.
///
/// Works on the value's UTF-8 bytes; bytes ≥ 0x80 are allowed inside quoted strings, as browsers send raw
/// UTF-8 file names. A backslash escapes only `"` and `\`: old browsers send Windows paths unescaped, and
/// `C:\Users` must keep its backslash (the same rule as Go's `mime.ParseMediaType`).
struct HeaderValueScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ value: String) { bytes = Array(value.utf8) }

    /// Whether only spaces remain.
    var isAtEnd: Bool {
        var copy = self
        copy.skipSpaces()
        return copy.index == bytes.count
    }

    /// Reads a token (letters, digits and ``!#$%&'*+-.^_`|~``, plus `/` for media types), or nil.
    mutating func token() -> String? {
        skipSpaces()
        let start = index
        while index < bytes.count, Self.isTokenByte(bytes[index]) || bytes[index] == UInt8(ascii: "/") {
            index += 1
        }
        guard index > start else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Reads `; name=value`; nil when the bytes do not have that shape.
    mutating func parameter() -> (name: String, value: String)? {
        skipSpaces()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ";") else { return nil }
        index += 1
        skipSpaces()
        let start = index
        while index < bytes.count, Self.isTokenByte(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        let name = String(decoding: bytes[start..<index], as: UTF8.self)
        skipSpaces()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        skipSpaces()
        guard let value = quotedString() ?? parameterToken() else { return nil }
        return (name, value)
    }

    private mutating func parameterToken() -> String? {
        let start = index
        while index < bytes.count, Self.isTokenByte(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func quotedString() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        var position = index + 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return String(decoding: value, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\"), position + 1 < bytes.count,
                bytes[position + 1] == UInt8(ascii: "\"") || bytes[position + 1] == UInt8(ascii: "\\")
            {
                position += 1
            }
            value.append(bytes[position])
            position += 1
        }
        return nil
    }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
    }

    /// `tchar` of RFC 9110 §5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
