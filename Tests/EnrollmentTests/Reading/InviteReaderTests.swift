import Testing

@testable import Enrollment

struct InviteReaderTests {
    static func read(_ bytes: [UInt8], feed: DripFeed = .whole, limits: ReadingLimits = ReadingLimits())
        -> Result<[InviteReader.Entry], FileRefusal>
    {
        var reader = InviteReader(limits: limits)
        var entries: [InviteReader.Entry] = []
        do throws(FileRefusal) {
            for chunk in feed.chunks(bytes) {
                try chunk.withUnsafeBufferPointer { (buffer) throws(FileRefusal) in
                    try reader.feed(buffer) { entries.append($0) }
                }
            }
            try reader.finish { entries.append($0) }
            return .success(entries)
        } catch {
            return .failure(error)
        }
    }

    static func entry(_ line: Int, _ address: String) -> InviteReader.Entry {
        InviteReader.Entry(rowNumber: line, address: address)
    }

    @Test(arguments: ["\n", "\r\n", "\r", ",", ";", "\t", " ", " , ", ";\r\n\r\n", ",,"])
    func splitsOnEverySeparator(separator: String) throws {
        let text = ["a@x.org", "B@Y.org", "c@z.org"].joined(separator: separator)
        let addresses = try Self.read(Array(text.utf8)).get().map(\.address)
        #expect(addresses == ["a@x.org", "B@Y.org", "c@z.org"])
    }

    @Test(arguments: DripFeed.allCases)
    func numbersEntriesByLineAndSkipsBlanks(feed: DripFeed) throws {
        let text = "\u{FEFF}\r\n  a@x.org  \r\n\r\nb@x.org, c@x.org;\td@x.org\n\n\re@x.org\n   \n"
        #expect(
            try Self.read(Array(text.utf8), feed: feed).get() == [
                Self.entry(2, "a@x.org"), Self.entry(4, "b@x.org"), Self.entry(4, "c@x.org"), Self.entry(4, "d@x.org"),
                Self.entry(7, "e@x.org"),
            ])
    }

    @Test(arguments: [false, true])
    func readsUTF16(bigEndian: Bool) throws {
        let bytes = TextDecoderTests.utf16("zoë@x.org\r\nb@x.org", bigEndian: bigEndian)
        for feed in DripFeed.allCases {
            #expect(try Self.read(bytes, feed: feed).get() == [Self.entry(1, "zoë@x.org"), Self.entry(2, "b@x.org")])
        }
    }

    @Test func readsTheSeedExample() throws {
        let entries = try Self.read(TestFiles.fixture("seed003-example.txt")).get()
        #expect(entries.map(\.address) == ["Kore.aiUser1@kore.com", "Kore.aiUser2@kore.com", "Kore.aiUser3@kore.com"])
    }

    @Test func refusesFilesWithoutAddressesOrText() {
        #expect(Self.read([]) == .failure(.empty))
        #expect(Self.read(Array(" \r\n,;\t\n".utf8)) == .failure(.noAddresses))
        #expect(Self.read([0x61, 0x40, 0x62, 0x0A, 0x00]) == .failure(.notText(byteOffset: 4, detail: "a NUL byte")))
        #expect(
            Self.read(Array("a@b c@d e@f".utf8), limits: ReadingLimits(maxRows: 2))
                == .failure(.tooManyRows(limit: 2, line: 1)))
        #expect(
            Self.read(Array("a@b\nxxxxxxxxxx".utf8), limits: ReadingLimits(maxRecordBytes: 5))
                == .failure(.recordTooLong(line: 2, limit: 5)))
    }
}
