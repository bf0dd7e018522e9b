extension MIMEEncoding {
    /// Decodes the encoded words of a header value (RFC 2047 §6), "B" and "Q", in UTF-8, US-ASCII or ISO-8859-1.
    ///
    /// White space between two adjacent encoded words is dropped (RFC 2047 §6.2); a word in another charset, or
    /// one that does not decode, is kept as written. Expects an unfolded value.
    public static func decodingEncodedWords(_ value: String) -> String {
        var out = ""
        var rest = Substring(value)
        var gapAfterWord: Substring?
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let (word, decoded) = encodedWord(at: rest[start.lowerBound...]) else {
                out += (gapAfterWord ?? "") + rest[...start.lowerBound]
                gapAfterWord = nil
                rest = rest[rest.index(after: start.lowerBound)...]
                continue
            }
            let isGapBlank = before.allSatisfy { $0 == " " || $0 == "\t" }
            if !(gapAfterWord != nil && isGapBlank) { out += (gapAfterWord ?? "") + before }
            out += decoded
            gapAfterWord = ""
            rest = rest[word.upperBound...]
            if let next = rest.firstIndex(where: { $0 != " " && $0 != "\t" }) {
                gapAfterWord = rest[..<next]
                rest = rest[next...]
            } else {
                gapAfterWord = rest
                rest = rest[rest.endIndex...]
            }
        }
        return out + (gapAfterWord ?? "") + rest
    }

    /// The range and decoded text of the encoded word at the start of `text`, if it is one.
    private static func encodedWord(at text: Substring) -> (Range<Substring.Index>, String)? {
        let body = text.dropFirst(2)
        guard let end = body.range(of: "?=") else { return nil }
        let parts = body[..<end.lowerBound].split(separator: "?", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[2].contains(" ") else { return nil }
        let charset = parts[0].lowercased()
        let bytes: [UInt8]?
        switch parts[1] {
        case "B", "b": bytes = base64Decoded(parts[2])
        case "Q", "q": bytes = qDecoded(parts[2])
        default: bytes = nil
        }
        guard let bytes else { return nil }
        let decoded: String
        switch charset.split(separator: "*").first ?? "" {
        case "utf-8", "us-ascii": decoded = String(decoding: bytes, as: UTF8.self)
        case "iso-8859-1", "latin1": decoded = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default: return nil
        }
        return (text.startIndex..<end.upperBound, decoded)
    }

    /// Standard base64, padding optional; `nil` for any other character.
    static func base64Decoded(_ text: some StringProtocol) -> [UInt8]? {
        var out: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in text.utf8 {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }

    /// The "Q" encoding: `_` is a space, `=XX` a byte (RFC 2047 §4.2).
    private static func qDecoded(_ text: Substring) -> [UInt8]? {
        var out: [UInt8] = []
        var bytes = text.utf8[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "_"): out.append(0x20)
            case UInt8(ascii: "="):
                guard let high = bytes.popFirst(), let low = bytes.popFirst(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                out.append(value)
            default: out.append(byte)
            }
        }
        return out
    }
}
