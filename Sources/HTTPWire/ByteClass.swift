/// Byte classes of RFC 9110 §5.6.2 (token) and §5.5 (field values), as branch-light bit tests.
enum ByteClass {
    // Bit n of the pair is set when byte n is a tchar: "!#$%&'*+-.^_`|~", DIGIT, ALPHA.
    private static let tokenLow: UInt64 = 0x03FF_6CFA_0000_0000
    private static let tokenHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool {
        if byte < 64 { return (tokenLow >> UInt64(byte)) & 1 == 1 }
        if byte < 128 { return (tokenHigh >> UInt64(byte - 64)) & 1 == 1 }
        return false
    }

    /// VCHAR or obs-text: a field-value byte that is not whitespace.
    @inline(__always)
    static func isFieldVisible(_ byte: UInt8) -> Bool { byte > 0x20 && byte != 0x7F }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The value of a hex digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
}
