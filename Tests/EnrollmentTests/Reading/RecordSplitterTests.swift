import Foundation
import Testing

@testable import Enrollment

struct RecordSplitterTests {
    /// A record as the tests compare it: its line and its fields.
    struct Line: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String]
        var description: String { "\(line): \(fields)" }
    }

    /// Splits `text` fed as `feed` cuts it.
    static func split(
        _ bytes: [UInt8], delimiter: UInt8? = nil, feed: DripFeed = .whole, maxRecordBytes: Int = 1 << 20
    ) throws(FileRefusal) -> (records: [Line], delimiter: UInt8?) {
        var splitter = RecordSplitter(delimiter: delimiter, maxRecordBytes: maxRecordBytes)
        var records: [Line] = []
        for chunk in feed.chunks(bytes) {
            try chunk.withUnsafeBufferPointer { (buffer) throws(FileRefusal) in
                try splitter.feed(buffer) { records.append(Line(line: $0.line, fields: $0.fields)) }
            }
        }
        try splitter.finish { records.append(Line(line: $0.line, fields: $0.fields)) }
        return (records, splitter.delimiter)
    }

    static func split(_ text: String, delimiter: UInt8? = nil, feed: DripFeed = .whole) throws(FileRefusal) -> [Line] {
        try split(Array(text.utf8), delimiter: delimiter, feed: feed).records
    }

    /// A plain line taken whole keeps its delimiters in the record's bytes (`fieldGap` 1), one fed byte by byte has
    /// them taken out; the records are equal all the same, and agree on blankness and on every field's bytes.
    @Test func plainLinesTakenWholeEqualTheByteByByteRecords() throws {
        let text = Array("h1,h2,h3\r\nann@x.org, Ann ,\n ,\t,  \n,,\nx,,\n".utf8)
        func records(_ feed: DripFeed) throws -> [Record] {
            var splitter = RecordSplitter(delimiter: UInt8(ascii: ","))
            var records: [Record] = []
            for chunk in feed.chunks(text) {
                try chunk.withUnsafeBufferPointer { (buffer) throws(FileRefusal) in
                    try splitter.feed(buffer) { records.append($0) }
                }
            }
            try splitter.finish { records.append($0) }
            return records
        }
        let whole = try records(.whole)
        let bytes = try records(.byteByByte)
        #expect(whole.map(\.fieldGap) == [1, 1, 1, 1, 1])
        #expect(bytes.map(\.fieldGap) == [0, 0, 0, 0, 0])
        #expect(whole == bytes)
        #expect(whole.map(\.isBlank) == [false, false, true, true, false])
        #expect(bytes.map(\.isBlank) == whole.map(\.isBlank))
        #expect(whole.map(\.fields) == bytes.map(\.fields))
        #expect(whole[1].trimmedField(1) == "Ann" && whole[4].fields == ["x", "", ""])
    }

    @Test(arguments: [",", "|", ";", "\t"])
    func detectsEachDelimiterFromTheHeader(delimiter: String) throws {
        let text =
            ["Email ID", "First Name", "a,b"].joined(separator: delimiter) + "\nx" + delimiter + "y" + delimiter + "z\n"
        let quoted = text.replacingOccurrences(of: "a,b", with: delimiter == "," ? "\"a,b\"" : "a,b")
        for feed in DripFeed.allCases {
            let result = try Self.split(Array(quoted.utf8), feed: feed)
            #expect(result.delimiter == UInt8(ascii: Unicode.Scalar(delimiter)!))
            #expect(
                result.records == [
                    Line(line: 1, fields: ["Email ID", "First Name", "a,b"]), Line(line: 2, fields: ["x", "y", "z"]),
                ])
        }
    }

    @Test(arguments: [
        ("a,b;c\n", ","), ("a;b|c|d\n", "|"), ("a|b;c\n", ";"), ("a\tb,c\n", ","), ("single\n", ","),
        ("\"x;y;z\",a|b|c\n", "|"), ("\n\n a;b \n", ";"),
    ])
    func breaksTiesInTheDocumentedOrder(header: String, expected: String) throws {
        #expect(try Self.split(Array(header.utf8)).delimiter == UInt8(ascii: Unicode.Scalar(expected)!))
    }

    @Test(arguments: DripFeed.allCases)
    func handlesQuotedFieldsAndMixedLineEnds(feed: DripFeed) throws {
        let text = "h1,h2,h3\r\n\"a,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\n\rx,,\"\"\ry,\"z\nz\",end"
        #expect(
            try Self.split(text, feed: feed) == [
                Line(line: 1, fields: ["h1", "h2", "h3"]),
                Line(line: 2, fields: ["a,1", "say \"hi\"", "two\r\nlines"]),
                Line(line: 6, fields: ["x", "", ""]),
                Line(line: 7, fields: ["y", "z\nz", "end"]),
            ])
    }

    @Test(arguments: DripFeed.allCases)
    func treatsQuoteOdditiesLeniently(feed: DripFeed) throws {
        let text = "a,b,c\nab\"cd,\"ab\"cd,  \"x, y\" \n\"ab\" \"c\",e,\n"
        #expect(
            try Self.split(text, feed: feed) == [
                Line(line: 1, fields: ["a", "b", "c"]),
                Line(line: 2, fields: ["ab\"cd", "abcd", "x, y "]),
                Line(line: 3, fields: ["ab \"c\"", "e", ""]),
            ])
    }

    @Test(arguments: DripFeed.allCases)
    func runsAnUnclosedQuoteToTheEnd(feed: DripFeed) throws {
        #expect(
            try Self.split("a,b\n\"open,x\ny,z\n", feed: feed) == [
                Line(line: 1, fields: ["a", "b"]), Line(line: 2, fields: ["open,x\ny,z\n"]),
            ])
    }

    @Test func refusesARecordOverTheLimit() {
        let text = Array(("a,b\n\"" + String(repeating: "x", count: 100)).utf8)
        for feed in DripFeed.allCases {
            #expect(throws: FileRefusal.recordTooLong(line: 2, limit: 50)) {
                try Self.split(text, feed: feed, maxRecordBytes: 50)
            }
        }
    }

    @Test func usesAGivenDelimiter() throws {
        #expect(try Self.split("a;b,c\n", delimiter: UInt8(ascii: ",")) == [Line(line: 1, fields: ["a;b", "c"])])
    }

    @Test func countsLinesInsideQuotesAndSkipsBlankLines() throws {
        let text = "\r\n\r\nh\r\n\r\n\"1\r\n2\r3\n4\"\r\n\r\nnext"
        #expect(
            try Self.split(text) == [
                Line(line: 3, fields: ["h"]), Line(line: 5, fields: ["1\r\n2\r3\n4"]), Line(line: 10, fields: ["next"]),
            ])
    }

    static let spectrumNames = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "location_coordinates", "newlines",
        "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ]

    /// csv-spectrum: every file splits into exactly the rows of its JSON (the one known upstream defect corrected).
    @Test(arguments: spectrumNames)
    func splitsTheCSVSpectrumCorpus(name: String) throws {
        let folder = TestFiles.shared.appendingPathComponent("corpora/csv-spectrum")
        let csv = Array(try Data(contentsOf: folder.appendingPathComponent("csvs/\(name).csv")))
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("json/\(name).json")))
        var expected = (json as? [[String: String]]) ?? [(json as? [String: String]) ?? [:]]
        if name == "location_coordinates" { expected[0]["Contact Phone Number"] = "2095257564" }
        for feed in DripFeed.allCases {
            let records = try Self.split(csv, delimiter: UInt8(ascii: ","), feed: feed).records
            let header = try #require(records.first).fields
            let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
            #expect(rows == expected, "fed \(feed)")
            #expect(records.dropFirst().allSatisfy { $0.fields.count == header.count })
            #expect(try Self.split(csv, feed: feed).records == records, "detected delimiter, fed \(feed)")
        }
    }

    @Test func giveTheSameRecordsHoweverFed() throws {
        var text = "Email ID|First Name|Note\r\n"
        for index in 0..<200 {
            text +=
                "user\(index)@example.com|Zoë \(index)|\"multi\r\nline | \"\"quoted\"\"\"\(index % 3 == 0 ? "\r" : "\n")"
        }
        let bytes = Array(text.utf8)
        let whole = try Self.split(bytes).records
        #expect(whole.count == 201)
        for seed in 1...20 as ClosedRange<UInt64> {
            var splitter = RecordSplitter()
            var records: [Line] = []
            for chunk in DripFeed.randomSplits.chunks(bytes, seed: seed) {
                try chunk.withUnsafeBufferPointer { (buffer) throws(FileRefusal) in
                    try splitter.feed(buffer) { records.append(Line(line: $0.line, fields: $0.fields)) }
                }
            }
            try splitter.finish { records.append(Line(line: $0.line, fields: $0.fields)) }
            #expect(records == whole, "seed \(seed)")
        }
        #expect(try Self.split(bytes, feed: .byteByByte).records == whole)
    }

    /// Plain lines (no quote, no CR before their LF) take a `memchr` path when whole in one chunk; fed byte by
    /// byte they never are. Random lines mixing plain ones with quotes, CRs, bare CR and CRLF ends, blank lines,
    /// spaces and empty fields give the same records both ways, and at random split points.
    @Test func plainLinesSplitLikeTheByteByBytePath() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "bc", " ", "  x ", "", "Zoë", "\"q\"", "\"a,b\"", "x\"y", "\"\"", "1234567890"]
        let ends = ["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]
        for round in 0..<30 {
            var text = round % 2 == 0 ? "Email,First,Last\n" : ""
            for _ in 0..<200 {
                let fields = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                    pieces.randomElement(using: &generator)!
                }
                text += fields.joined(separator: ",") + ends.randomElement(using: &generator)!
            }
            if round % 3 == 0 { text += "last,line,without,end" }
            let bytes = Array(text.utf8)
            let whole = try Self.split(bytes, delimiter: UInt8(ascii: ",")).records
            let slow = try Self.split(bytes, delimiter: UInt8(ascii: ","), feed: .byteByByte).records
            #expect(whole == slow, "round \(round)")
            #expect(try Self.split(bytes, delimiter: UInt8(ascii: ","), feed: .randomSplits).records == slow)
        }
    }

    /// Plain lines of more fields than the fast path gathers on the stack (64), between quoted lines and lines
    /// of a few fields, split as the byte-by-byte path splits them.
    @Test func plainLinesOfManyFieldsSplitLikeTheByteByBytePath() throws {
        var lines: [String] = []
        for count in [1, 3, 63, 64, 65, 100, 2, 200] {
            lines.append((0..<count).map { "f\($0)" }.joined(separator: ","))
            lines.append("\"quoted, \",x")
        }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let whole = try Self.split(bytes, delimiter: UInt8(ascii: ",")).records
        let slow = try Self.split(bytes, delimiter: UInt8(ascii: ","), feed: .byteByByte).records
        #expect(whole == slow)
        #expect(whole.map(\.fields.count) == [1, 3, 63, 64, 65, 100, 2, 200].flatMap { [$0, 2] })
        #expect(whole[14].fields[199] == "f199" && whole[8].fields[64] == "f64" && whole[1].fields[0] == "quoted, ")
    }
}
