import Testing

@testable import Enrollment

struct TextDecoderTests {
    /// Decodes `bytes` fed as `feed` cuts them; the UTF-8 out, or the refusal.
    static func decode(_ bytes: [UInt8], _ feed: DripFeed) -> Result<[UInt8], FileRefusal> {
        var decoder = TextDecoder()
        var output: [UInt8] = []
        do throws(FileRefusal) {
            for chunk in feed.chunks(bytes) {
                try chunk.withUnsafeBufferPointer { (buffer) throws(FileRefusal) in
                    try decoder.decode(buffer) { output.append(contentsOf: $0) }
                }
            }
            try decoder.finish { output.append(contentsOf: $0) }
            return .success(output)
        } catch {
            return .failure(error)
        }
    }

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            bytes += bigEndian ? pair : pair.reversed()
        }
        return bytes
    }

    static let sample = "Email ID\tFirst Name\r\nzoë@example.com\tZoë 😀 ʤ 𝄞\r\n"

    @Test(arguments: DripFeed.allCases)
    func passesUTF8WithoutBOMThrough(feed: DripFeed) {
        #expect(Self.decode(Array(Self.sample.utf8), feed) == .success(Array(Self.sample.utf8)))
    }

    @Test(arguments: DripFeed.allCases)
    func dropsUTF8ByteOrderMark(feed: DripFeed) {
        #expect(Self.decode([0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8), feed) == .success(Array(Self.sample.utf8)))
    }

    @Test(arguments: DripFeed.allCases, [false, true])
    func transcodesUTF16WithSurrogatePairs(feed: DripFeed, bigEndian: Bool) {
        let bytes = Self.utf16(Self.sample, bigEndian: bigEndian)
        #expect(Self.decode(bytes, feed) == .success(Array(Self.sample.utf8)))
    }

    @Test func detectsEncoding() throws {
        var decoder = TextDecoder()
        try [0xFF, 0xFE, 0x41, 0x00].withUnsafeBufferPointer { (buffer) throws(FileRefusal) in
            try decoder.decode(buffer) { _ in }
        }
        #expect(decoder.encoding == .utf16LE)
    }

    @Test(
        arguments: [
            ([0x41, 0xC3], 2, "cut short"),  // truncated at the end
            ([0x41, 0xC0, 0x80], 1, "overlong NUL"),
            ([0x41, 0xE0, 0x80, 0x80], 2, "overlong three bytes"),
            ([0x41, 0xED, 0xA0, 0x80], 2, "encoded surrogate"),
            ([0x41, 0xF4, 0x90, 0x80, 0x80], 2, "past U+10FFFF"),
            ([0x41, 0x42, 0x80], 2, "lone continuation"),
            ([0x41, 0xFF], 1, "0xFF"),
            ([0x41, 0x00, 0x42], 1, "NUL"),
            ([0xEF, 0xBB, 0xBF, 0x41, 0x00], 4, "NUL after BOM"),
            ([0xC3, 0x41], 1, "lead without continuation"),
        ] as [([UInt8], Int, String)])
    func refusesBytesThatAreNotUTF8(bytes: [UInt8], offset: Int, note: String) {
        for feed in DripFeed.allCases {
            guard case .failure(.notText(let found, _)) = Self.decode(bytes, feed) else {
                Issue.record("\(note): not refused when fed \(feed)")
                continue
            }
            #expect(found == offset, "\(note), fed \(feed)")
        }
    }

    /// The ASCII paths (32 and 8 bytes at a time) hand every other byte to the byte path: a NUL, a non-ASCII
    /// letter or a stray byte is found at its offset wherever it falls in a block or a word.
    @Test(arguments: [[0x00], [0xC3, 0xA9], [0x80], [0x7F]] as [[UInt8]])
    func findsEveryByteWhereverItFallsInAWord(inserted: [UInt8]) {
        for position in 0..<72 {
            let bytes =
                Array(repeating: UInt8(ascii: "a"), count: position) + inserted + Array(repeating: 0x62, count: 40)
            let result = Self.decode(bytes, .whole)
            switch inserted {
            case [0x00]: #expect(result == .failure(.notText(byteOffset: position, detail: "a NUL byte")))
            case [0x80]: #expect(result == .failure(.notText(byteOffset: position, detail: "invalid UTF-8")))
            default: #expect(result == .success(bytes))
            }
        }
    }

    @Test(
        arguments: [
            ([0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8, 0x41, 0x00], 4, "high surrogate then a letter"),
            ([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xDC], 4, "lone low surrogate"),
            ([0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8], 4, "high surrogate at the end"),
            ([0xFF, 0xFE, 0x41, 0x00, 0x42], 4, "odd byte count"),
            ([0xFF, 0xFE, 0x41, 0x00, 0x00, 0x00], 4, "NUL"),
            ([0xFE, 0xFF, 0x00, 0x41, 0xD8, 0x3D, 0x00, 0x41], 4, "big-endian unpaired"),
        ] as [([UInt8], Int, String)])
    func refusesBrokenUTF16(bytes: [UInt8], offset: Int, note: String) {
        for feed in DripFeed.allCases {
            guard case .failure(.notText(let found, _)) = Self.decode(bytes, feed) else {
                Issue.record("\(note): not refused when fed \(feed)")
                continue
            }
            #expect(found == offset, "\(note), fed \(feed)")
        }
    }

    @Test(arguments: [[], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]] as [[UInt8]])
    func refusesEmptyFiles(bytes: [UInt8]) {
        for feed in DripFeed.allCases {
            #expect(Self.decode(bytes, feed) == .failure(.empty))
        }
    }

    @Test func shortFilesThatStartLikeAMarkAreText() {
        #expect(Self.decode([0x41], .whole) == .success([0x41]))
        #expect(Self.decode([0xEF], .whole).isFailure)
        #expect(Self.decode([0xFF], .whole).isFailure)
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
