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
