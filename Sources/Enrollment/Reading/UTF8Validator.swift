/// Checks UTF-8 as it streams by, remembering a character split between chunks.
///
/// Follows the well-formed byte sequences of Unicode §3.9 table 3-7 (no overlong forms, no surrogates, nothing past
/// U+10FFFF) and additionally refuses NUL, which never appears in a text file.
struct UTF8Validator {
    /// Continuation bytes still expected for the current character.
    private var needed = 0
    /// Allowed range of the next continuation byte.
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF

    /// Validates `input`, whose first byte is at `offset` in the file.
    mutating func validate(_ input: UnsafeBufferPointer<UInt8>, offset: Int) throws(FileRefusal) {
        var index = 0
        let count = input.count
        while index < count {
            // Thirty-two, then eight bytes at a time while they are ASCII without NUL, as nearly all of an import
            // file is; any other word is checked byte by byte below, so refusals keep their exact offsets.
            if needed == 0, let base = input.baseAddress {
                if count - index >= 32 {
                    let words = UnsafeRawPointer(base + index)
                    if Self.areASCIIWithoutNUL(
                        words.loadUnaligned(as: UInt64.self), words.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                        words.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
                        words.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
                    {
                        index += 32
                        continue
                    }
                }
                if count - index >= 8 {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if Self.areASCIIWithoutNUL(word, word, word, word) {
                        index += 8
                        continue
                    }
                }
            }
            let byte = input[index]
            if needed == 0 {
                if byte >= 0x01 && byte < 0x80 {
                    index += 1
                    continue
                }
                try lead(byte, offset: offset + index)
            } else {
                guard byte >= low && byte <= high else {
                    throw .notText(byteOffset: offset + index, detail: "invalid UTF-8")
                }
                needed -= 1
                low = 0x80
                high = 0xBF
            }
            index += 1
        }
    }

    /// Whether none of the bytes of the four words has its high bit set or is zero.
    @inline(__always)
    private static func areASCIIWithoutNUL(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> Bool {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        // The classic zero-byte test: for bytes below 0x80, `byte - 1` borrows into the high bit only when the
        // byte is 0 (and no borrow crosses into the next byte unless this one was 0). A word with a byte of 0x80
        // or more fails the first test whatever the second says.
        let zeros = ((a &- ones) & ~a) | ((b &- ones) & ~b) | ((c &- ones) & ~c) | ((d &- ones) & ~d)
        return (a | b | c | d | zeros) & highBits == 0
    }

    /// Refuses a character cut short by the end of the file.
    func finish(offset: Int) throws(FileRefusal) {
        if needed > 0 { throw .notText(byteOffset: offset, detail: "UTF-8 character cut short at the end") }
    }

    private mutating func lead(_ byte: UInt8, offset: Int) throws(FileRefusal) {
        switch byte {
        case 0x00: throw .notText(byteOffset: offset, detail: "a NUL byte")
        case 0xC2...0xDF: (needed, low, high) = (1, 0x80, 0xBF)
        case 0xE0: (needed, low, high) = (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (needed, low, high) = (2, 0x80, 0xBF)
        case 0xED: (needed, low, high) = (2, 0x80, 0x9F)
        case 0xF0: (needed, low, high) = (3, 0x90, 0xBF)
        case 0xF1...0xF3: (needed, low, high) = (3, 0x80, 0xBF)
        case 0xF4: (needed, low, high) = (3, 0x80, 0x8F)
        default: throw .notText(byteOffset: offset, detail: "invalid UTF-8")
        }
    }
}
