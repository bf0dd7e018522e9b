import Testing

@testable import Enrollment

struct ImportReaderTests {
    /// Reads `bytes` fed as `feed` cuts them; the header and rows, or the refusal.
    static func read(_ bytes: [UInt8], feed: DripFeed = .whole, limits: ReadingLimits = ReadingLimits())
        -> Result<(header: ImportHeader, rows: [ImportRow]), FileRefusal>
    {
        var reader = ImportReader(limits: limits)
        var header: ImportHeader?
        var rows: [ImportRow] = []
        func take(_ event: ImportReader.Event) {
            switch event {
            case .header(let found): header = found
            case .row(let row): rows.append(row)
            }
        }
        do throws(FileRefusal) {
            for chunk in feed.chunks(bytes) {
                try chunk.withUnsafeBufferPointer { (buffer) throws(FileRefusal) in try reader.feed(buffer, take) }
            }
            try reader.finish(take)
        } catch {
            return .failure(error)
        }
        guard let header else { preconditionFailure("a finished reader has a header") }
        return .success((header, rows))
    }

    static func rows(_ text: String, feed: DripFeed = .whole) throws -> [ImportRow] {
        try read(Array(text.utf8), feed: feed).get().rows
    }

    static let header = "Email ID,First Name,Last Name,Alternate ID,Work Phone,Title,Department,User Status\n"

    @Test(arguments: DripFeed.allCases)
    func readsTheSeedSampleExactlyAsPrinted(feed: DripFeed) throws {
        let rows = try Self.read(TestFiles.fixture("seed001-sample.txt"), feed: feed).get().rows
        #expect(
            rows == [
                ImportRow(
                    rowNumber: 2, email: "john.doe@example.com", firstName: "John", lastName: "Doe",
                    workPhone: "800-555-1212", title: "President", department: "Executive", status: "New"),
                ImportRow(
                    rowNumber: 3, email: "jane.doe@example.com", firstName: "Jane", lastName: "Doe",
                    workPhone: "800-555-5555", title: "VicePresident", department: "Executive", status: "New"),
            ])
    }

    @Test func readsBothSamplesOfTheFirstSeed() throws {
        let first = try Self.read(TestFiles.fixture("seed000-sample.txt")).get().rows
        #expect(first.map(\.hasExpectedFieldCount) == [true, true, true])
        #expect(first[2].lastName == "User1LastName" && first[2].status == "New")
        let second = try Self.read(TestFiles.fixture("seed000-create-example.txt")).get().rows
        #expect(second.map(\.fieldCount) == [8, 8, 7])
        #expect(second[0].alternateID == "User1AlternateID")
        #expect(second[2].rowNumber == 4 && second[2].expectedFieldCount == 8)
    }

    @Test(arguments: ["Email ID", "email_id", "EmailId", "Email", "EMAIL-ID", " e-mail id "])
    func acceptsVariantsOfTheEmailHeader(name: String) throws {
        let text = "\(name),First_Name,last-name,STATUS\na@b.c,A,B,new\n"
        #expect(
            try Self.rows(text) == [
                ImportRow(
                    rowNumber: 2, email: "a@b.c", firstName: "A", lastName: "B", status: "new", fieldCount: 4,
                    expectedFieldCount: 4)
            ])
    }

    @Test func mapsColumnsInAnyOrderAndWarnsOfUnknownOnes() throws {
        let text =
            "Department;Nickname;User Status;Last Name;;Work Phone;First Name;Email ID\nIT;Bo;Update;Lee;x;555;Ann;ann@x.org\n"
        let read = try Self.read(Array(text.utf8)).get()
        #expect(read.header.warnings == ["Unknown column ignored: Nickname", "Column 5 has no name and is ignored"])
        #expect(
            read.rows == [
                ImportRow(
                    rowNumber: 2, email: "ann@x.org", firstName: "Ann", lastName: "Lee", workPhone: "555",
                    department: "IT", status: "Update")
            ])
    }

    @Test(arguments: [
        ("Email ID,First Name\n", ["Last Name", "User Status"]),
        ("Name,Phone,Status\n", ["Email ID", "First Name", "Last Name"]),
        ("just some text\n", ["Email ID", "First Name", "Last Name", "User Status"]),
    ])
    func refusesAFileWithoutRequiredColumns(text: String, missing: [String]) {
        #expect(Self.read(Array(text.utf8)) == .failure(.missingColumns(missing)))
        #expect(FileRefusal.missingColumns(missing).message.contains(missing.joined(separator: ", ")))
    }

    @Test func refusesAColumnNamedTwice() {
        let text = "\n\nEmail,First Name,Last Name,Status,email_id\n"
        #expect(Self.read(Array(text.utf8)) == .failure(.duplicateColumn("email_id", line: 3)))
    }

    @Test func refusesEmptyFilesAndFilesWithoutAHeader() {
        #expect(Self.read([]) == .failure(.empty))
        #expect(Self.read([0xEF, 0xBB, 0xBF]) == .failure(.empty))
        #expect(Self.read(Array("\r\n\n  \n,,,\n".utf8)) == .failure(.noHeaderRow))
        #expect(Self.read(Array((Self.header + "a@b.c,A,B,,,,,New\u{0}\n").utf8)).isNotText)
    }

    @Test func skipsBlankRowsAndTrimsValues() throws {
        let text = Self.header + "\n,,,,,,,\n  A@B.c , Ann ,\tLee\t,,,,, NEW \r\n   \n"
        #expect(
            try Self.rows(text) == [
                ImportRow(rowNumber: 4, email: "A@B.c", firstName: "Ann", lastName: "Lee", status: "NEW")
            ])
    }

    @Test(arguments: [false, true])
    func readsExcelUnicodeText(bigEndian: Bool) throws {
        let text = Self.header.replacingOccurrences(of: ",", with: "\t") + "zoë@x.org\tZoë\t😀\t\t\t\t\tNew\r\n"
        for feed in DripFeed.allCases {
            let rows = try Self.read(TextDecoderTests.utf16(text, bigEndian: bigEndian), feed: feed).get().rows
            #expect(
                rows == [ImportRow(rowNumber: 2, email: "zoë@x.org", firstName: "Zoë", lastName: "😀", status: "New")])
        }
    }

    @Test func refusesMoreRowsThanTheLimit() {
        let text = Self.header + "a@b.c,A,B,,,,,New\n\nb@b.c,A,B,,,,,New\nc@b.c,A,B,,,,,New\n"
        let limits = ReadingLimits(maxRows: 2)
        #expect(Self.read(Array(text.utf8), limits: limits) == .failure(.tooManyRows(limit: 2, line: 5)))
    }

    @Test func readsTheSameHoweverFed() throws {
        var text = "\u{FEFF}" + Self.header.replacingOccurrences(of: ",", with: ";")
        for index in 0..<300 {
            text +=
                "u\(index)@example.com;\"Lee; \"\"Jr\"\"\";Zoë\(index);;;;;\(index % 2 == 0 ? "New\r\n" : "Update\n")"
        }
        let whole = try Self.read(Array(text.utf8)).get().rows
        #expect(whole.count == 300 && whole[299].rowNumber == 301 && whole[0].firstName == "Lee; \"Jr\"")
        for feed in [DripFeed.byteByByte, .randomSplits] {
            #expect(try Self.read(Array(text.utf8), feed: feed).get().rows == whole)
        }
    }
}

extension Result where Success == (header: ImportHeader, rows: [ImportRow]), Failure == FileRefusal {
    static func == (left: Self, right: Self) -> Bool {
        switch (left, right) {
        case (.success(let a), .success(let b)): a.header == b.header && a.rows == b.rows
        case (.failure(let a), .failure(let b)): a == b
        default: false
        }
    }

    var isNotText: Bool {
        if case .failure(.notText) = self { return true }
        return false
    }
}
