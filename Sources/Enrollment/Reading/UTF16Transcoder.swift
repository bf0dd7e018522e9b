/// Transcodes UTF-16 to UTF-8 as it streams by, remembering an odd byte or a high surrogate split between chunks.
struct UTF16Transcoder {
    private let isBigEndian: Bool
    /// The first byte of a code unit whose second byte has not arrived.
    private var oddByte: UInt8?
    /// A high surrogate waiting for its low surrogate, and its byte offset.
    private var highSurrogate: (unit: UInt16, offset: Int)?
    /// Reused for each chunk's UTF-8.
    private var output: [UInt8] = []

    /// A transcoder for one byte order.
    init(bigEndian: Bool) {
        isBigEndian = bigEndian
    }

    /// Transcodes `input`, whose first byte is at `offset` in the file, and hands the UTF-8 to `body`.
    mutating func transcode(
        _ input: UnsafeBufferPointer<UInt8>, offset: Int,
        _ body: (UnsafeBufferPointer<UInt8>) throws(FileRefusal) -> Void
    ) throws(FileRefusal) {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(input.count * 3 / 2 + 4)
        var index = 0
        if let first = oddByte, !input.isEmpty {
            oddByte = nil
            try unit(from: first, input[0], offset: offset - 1)
            index = 1
        }
        while index + 1 < input.count {
            try unit(from: input[index], input[index + 1], offset: offset + index)
            index += 2
        }
        if index < input.count { oddByte = input[index] }
        try output.withUnsafeBufferPointer { (utf8) throws(FileRefusal) in try body(utf8) }
    }

    /// Refuses an odd byte or a high surrogate left at the end of the file.
    func finish(offset: Int) throws(FileRefusal) {
        if oddByte != nil { throw .notText(byteOffset: offset - 1, detail: "an odd number of UTF-16 bytes") }
        if let high = highSurrogate { throw .notText(byteOffset: high.offset, detail: "an unpaired UTF-16 surrogate") }
    }

    private mutating func unit(from first: UInt8, _ second: UInt8, offset: Int) throws(FileRefusal) {
        let unit = isBigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first)
        if let high = highSurrogate {
            guard unit >= 0xDC00 && unit <= 0xDFFF else {
                throw .notText(byteOffset: high.offset, detail: "an unpaired UTF-16 surrogate")
            }
            highSurrogate = nil
            let scalar = 0x10000 + (UInt32(high.unit - 0xD800) << 10) + UInt32(unit - 0xDC00)
            append(scalar)
            return
        }
        switch unit {
        case 0: throw .notText(byteOffset: offset, detail: "a NUL character")
        case 0xD800...0xDBFF: highSurrogate = (unit, offset)
        case 0xDC00...0xDFFF: throw .notText(byteOffset: offset, detail: "an unpaired UTF-16 surrogate")
        default: append(UInt32(unit))
        }
    }

    private mutating func append(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
