/// The WHATWG HTML "valid email address": what a browser's `<input type=email>` accepts.
///
/// HTML Living Standard §4.10.5.1.5: `1*( atext / "." ) "@" label *( "." label )`, where atext is RFC 5322's
/// (letters, digits and ``!#$%&'*+/=?^_`{|}~-``) and a label is 1 to 63 letters, digits and hyphens that starts
/// and ends with a letter or digit. ASCII only, no length limit beyond the labels', no quoted local parts, no
/// address literals; dots may lead, trail or repeat in the local part. Checked over bytes; the caller trims first.
public enum EmailAddress {
    /// Whether `address` is a valid email address, exactly as written.
    public static func isValid(_ address: String) -> Bool {
        var address = address
        return address.withUTF8 { isValid($0) }
    }

    /// Whether these UTF-8 bytes are a valid email address.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count, isLocalByte(bytes[index]) { index += 1 }
        guard index > 0, index < bytes.count, bytes[index] == UInt8(ascii: "@") else { return false }
        index += 1
        var labelLength = 0
        var previous: UInt8 = UInt8(ascii: ".")
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                // A label ends: it must exist and must not end with a hyphen.
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labelLength = 0
            } else if isAlphanumeric(byte) || byte == UInt8(ascii: "-") {
                // A label starts with a letter or digit.
                if labelLength == 0 && byte == UInt8(ascii: "-") { return false }
                labelLength += 1
                if labelLength > 63 { return false }
            } else {
                return false
            }
            previous = byte
        }
        return labelLength > 0 && previous != UInt8(ascii: "-")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    /// atext (RFC 5322 §3.2.3) or ".".
    private static func isLocalByte(_ byte: UInt8) -> Bool {
        if isAlphanumeric(byte) { return true }
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
            UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
