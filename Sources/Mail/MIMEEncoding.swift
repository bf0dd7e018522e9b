/// Header and body encodings of MIME: encoded words (RFC 2047), quoted-printable (RFC 2045 §6.7), base64.
public enum MIMEEncoding {
    /// A header phrase: kept as is when plain printable ASCII, otherwise UTF-8 "B" encoded words of at most
    /// 75 characters each (RFC 2047 §2), folded with CRLF SP between words.
    public static func phrase(_ text: String) -> String {
        let isPlain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
        if isPlain {
            let needsQuotes = text.utf8.contains { b in "()<>[]:;@,.".utf8.contains(b) }
            return needsQuotes ? "\"\(text)\"" : text
        }
        return encodedWords(text)
    }

    /// An unstructured header value (e.g. Subject): plain ASCII as is, otherwise encoded words.
    public static func unstructured(_ text: String) -> String {
        let clean = String(text.map { $0 == "\r" || $0 == "\n" ? " " : $0 })
        let isPlain = clean.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        return isPlain ? folded(clean) : encodedWords(clean)
    }

    /// Folds plain text at spaces so that no line passes about 70 characters (RFC 5322 §2.2.3).
    private static func folded(_ text: String) -> String {
        var lines: [Substring] = []
        var rest = text[...]
        while rest.utf8.count > 66, let space = rest.prefix(66).lastIndex(of: " "), space > rest.startIndex {
            lines.append(rest[..<space])
            rest = rest[space...]
        }
        lines.append(rest)
        return lines.joined(separator: "\r\n")
    }

    private static func encodedWords(_ text: String) -> String {
        // 39 bytes of UTF-8 become 52 base64 characters; with "=?UTF-8?B?" and "?=" that is 64 ≤ 75, short
        // enough to follow a header name on a line of at most 78 characters (RFC 5322 §2.1.1).
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?\(base64(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(base64(chunk))?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Standard base64 with padding, no line breaks.
    public static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [table[Int(n >> 18)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], table[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            var n = UInt32(bytes[i]) << 16
            if rest == 2 { n |= UInt32(bytes[i + 1]) << 8 }
            out += [table[Int(n >> 18)], table[Int(n >> 12 & 63)]]
            out += rest == 2 ? [table[Int(n >> 6 & 63)], UInt8(ascii: "=")] : [UInt8(ascii: "="), UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Quoted-printable with CRLF line ends and soft breaks so no line exceeds 76 characters.
    public static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        var lineLength = 0
        let lines = text.replacingLineEnds().split(separator: "\n", omittingEmptySubsequences: false)
        for (lineIndex, line) in lines.enumerated() {
            if lineIndex > 0 {
                out += [13, 10]
                lineLength = 0
            }
            let bytes = Array(line.utf8)
            for (i, byte) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                let encoded: [UInt8] = plain ? [byte] : [61, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                if lineLength + encoded.count > 75 {
                    out += [61, 13, 10]
                    lineLength = 0
                }
                out += encoded
                lineLength += encoded.count
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// CRLF and lone CR become LF.
    func replacingLineEnds() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.unicodeScalars.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
