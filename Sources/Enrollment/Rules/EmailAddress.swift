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
        byteClasses.withUnsafeBufferPointer { classes in isValid(bytes, classes: classes) }
    }

    /// The check, with each byte's classes read from `classes` (one load per byte).
    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count, classes[Int(bytes[index])] & local != 0 { index += 1 }
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
            } else if classes[Int(byte)] & label != 0 {
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

    /// Class bits of `byteClasses`: atext (RFC 5322 §3.2.3) or "."; a letter, digit or hyphen.
    private static let local: UInt8 = 1
    private static let label: UInt8 = 2

    /// The classes of each byte value: a table load per byte instead of a chain of comparisons, for every byte of
    /// every address of a million-row import. Non-ASCII bytes are in no class.
    static let byteClasses: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        let alphanumeric = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        let atext = alphanumeric || Array("!#$%&'*+/=?^_`{|}~-.".utf8).contains(byte)
        return (atext ? local : 0) | (alphanumeric || byte == UInt8(ascii: "-") ? label : 0)
    }
}
