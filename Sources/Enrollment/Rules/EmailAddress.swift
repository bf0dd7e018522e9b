import Storage

/// The WHATWG HTML "valid email address": what a browser's `<input type=email>` accepts.
///
/// HTML Living Standard §4.10.5.1.5: `1*( atext / "." ) "@" label *( "." label )`, where atext is RFC 5322's
/// (letters, digits and ``!#$%&'*+/=?^_`{|}~-``) and a label is 1 to 63 letters, digits and hyphens that starts
/// and ends with a letter or digit. ASCII only, no length limit beyond the labels', no quoted local parts, no
/// address literals; dots may lead, trail or repeat in the local part. Checked over bytes; the caller trims first.
public enum EmailAddress {
    /// Whether `address` is a valid email address, exactly as written.
    public static func isValid(_ address: String) -> Bool {
        address.withUTF8Bytes { isValid($0) }
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
            } else if isLabelByte(byte) {
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

    /// atext (RFC 5322 §3.2.3) or ".".
    private static func isLocalByte(_ byte: UInt8) -> Bool { isMember(byte, localBits) }

    /// A letter, digit or hyphen.
    private static func isLabelByte(_ byte: UInt8) -> Bool { isMember(byte, labelBits) }

    /// Whether `byte` is ASCII and its bit is set in `bits` (bits 0–63, bits 64–127): a shift and a mask instead
    /// of a chain of comparisons, for every byte of every address of a million-row import.
    private static func isMember(_ byte: UInt8, _ bits: (low: UInt64, high: UInt64)) -> Bool {
        byte < 64 ? bits.low >> byte & 1 == 1 : byte < 128 && bits.high >> (byte & 63) & 1 == 1
    }

    /// The bits of letters, digits and ``.!#$%&'*+/=?^_`{|}~-`` (a test checks every byte).
    static let localBits: (low: UInt64, high: UInt64) = (0xA3FF_ECFA_0000_0000, 0x7FFF_FFFF_C7FF_FFFE)
    /// The bits of letters, digits and "-".
    static let labelBits: (low: UInt64, high: UInt64) = (0x03FF_2000_0000_0000, 0x07FF_FFFE_07FF_FFFE)
}
