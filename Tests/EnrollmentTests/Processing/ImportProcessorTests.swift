import Foundation
import Testing

@testable import Enrollment

struct ImportProcessorTests {
    /// Writes `bytes` to a file in a new temporary directory and runs `body` with its path.
    static func withFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        let folder = try TestFiles.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("upload.csv")
        try Data(bytes).write(to: file)
        return try body(file.path)
    }

    @Test func runsTheSeedSampleWithAShortRow() throws {
        var sink = MemorySink([User.make("kore.aiuser2@kore.com", state: .active)])
        let summary = try Self.withFile(TestFiles.fixture("seed000-create-example.txt")) { path in
            try ImportProcessor.run(filePath: path, into: &sink, now: 99)
        }
        #expect(sink.results.map(\.rowNumber) == [2, 3, 4])
        #expect(sink.results.map(\.outcome) == [.created, .skipped, .failed])
        #expect(sink.results.map(\.reason) == ["", "Skipped: user already exists", "expected 8 fields, found 7"])
        #expect(sink.mail.map(\.email) == ["Kore.aiUser1@kore.com"])
        #expect(summary.rowCount == 3 && summary.counts[.created] == 1 && summary.counts[.failed] == 1)
        #expect(sink.users["kore.aiuser1@kore.com"]?.alternateID == "User1AlternateID")
        #expect(sink.progress.first! == (0, 3) && sink.progress.last! == (3, 3))
    }

    @Test func createsEveryUserOfTheSeedSample() throws {
        var sink = MemorySink()
        let summary = try Self.withFile(TestFiles.fixture("seed000-sample.txt")) { path in
            try ImportProcessor.run(filePath: path, into: &sink, now: 99)
        }
        #expect(sink.results.map(\.outcome) == [.created, .created, .created] && sink.warnings.isEmpty)
        #expect(sink.mail.map(\.kind) == [.invitation, .invitation, .invitation])
        #expect(sink.mail.map(\.rowNumber) == [2, 3, 4] && sink.mail.allSatisfy { $0.operationID == 7 })
        #expect(sink.users["kore.aiuser1@kore.com"]?.workPhone == "800-555-1212")
        #expect(summary.counts.succeeded == 3 && summary.mailCount == 3)
    }

    @Test func addsHeaderWarningsAndReportsProgress() throws {
        var text = "Nickname,Email,First Name,Last Name,Status\n"
        for index in 0..<2500 { text += "n,u\(index)@x.org,A,B,New\n" }
        var sink = MemorySink()
        let options = ProcessingOptions(progressInterval: 1000)
        let summary = try Self.withFile(Array(text.utf8)) { path in
            try ImportProcessor.run(filePath: path, into: &sink, now: 1, options: options)
        }
        #expect(sink.warnings == ["Unknown column ignored: Nickname"] && summary.warnings == sink.warnings)
        #expect(sink.results.count == 2500 && sink.mail.count == 2500 && sink.users.count == 2500)
        #expect(sink.progress.map(\.processedRows) == [0, 1000, 2000, 2500])
        #expect(sink.progress.map(\.totalRows) == [2500, 2500, 2500, 2500])
    }

    @Test(arguments: [true, false])
    func refusesAFileBrokenMidway(countsRowsFirst: Bool) throws {
        var text = "Email,First Name,Last Name,Status\n"
        for index in 0..<5000 { text += "u\(index)@x.org,A,B,New\n" }
        var bytes = Array(text.utf8)
        bytes[bytes.count - 10] = 0
        var sink = MemorySink()
        let options = ProcessingOptions(limits: ReadingLimits(chunkBytes: 4096), countsRowsFirst: countsRowsFirst)
        #expect(throws: FileRefusal.notText(byteOffset: bytes.count - 10, detail: "a NUL byte")) {
            try Self.withFile(bytes) { path in
                try ImportProcessor.run(filePath: path, into: &sink, now: 1, options: options)
            }
        }
        // Counting first finds the refusal before any row reaches the sink.
        #expect(sink.results.isEmpty == countsRowsFirst)
    }

    @Test func refusesOverTheLimitsAndUnreadableFiles() throws {
        var sink = MemorySink()
        let bytes = Array("Email,First Name,Last Name,Status\na@b.c,A,B,New\n".utf8)
        #expect(throws: FileRefusal.tooLarge(limit: 10)) {
            try Self.withFile(bytes) { path in
                try ImportProcessor.run(filePath: path, into: &sink, now: 1, limits: ReadingLimits(maxFileBytes: 10))
            }
        }
        #expect(throws: FileRefusal.unreadable(errno: ENOENT)) {
            try Self.withFile([]) { path in try ImportProcessor.run(filePath: path + ".missing", into: &sink, now: 1) }
        }
        #expect(throws: FileRefusal.missingColumns(["Last Name", "User Status"])) {
            try Self.withFile(Array("Email;First Name\n".utf8)) { path in
                try ImportProcessor.run(filePath: path, into: &sink, now: 1)
            }
        }
        #expect(sink.results.isEmpty && sink.users.isEmpty)
    }

    @Test func countsDataRowsWithoutTouchingASink() throws {
        let text =
            "\u{FEFF}Email\tFirst Name\tLast Name\tStatus\r\n\r\na@b.c\t\"A\r\nB\"\tC\tNew\r\n\t\t\t\r\nb@b.c\tA\tB\tNew"
        #expect(try Self.withFile(Array(text.utf8)) { try ImportProcessor.countDataRows(filePath: $0) } == 2)
    }

    @Test func turnsAFailingSinkIntoSinkFailed() throws {
        var sink = MemorySink()
        sink.failsAfter = 1
        let bytes = Array("Email,First Name,Last Name,Status\na@b.c,A,B,New\nb@b.c,A,B,New\n".utf8)
        #expect(throws: FileRefusal.sinkFailed("Full()")) {
            try Self.withFile(bytes) { path in try ImportProcessor.run(filePath: path, into: &sink, now: 1) }
        }
    }

    @Test(arguments: [false, true])
    func givesTheSameResultsWhateverTheChunkSize(utf16: Bool) throws {
        var text = "User Status\tEmail ID\tFirst Name\tLast Name\tTitle\r\n"
        for index in 0..<400 {
            let status = ["New", "new", "Update", "Activate", "Delete", "Bogus"][index % 6]
            text +=
                "\(status)\tu\(index % 150)@x.org\t\"Zoë\t😀\r\n\(index)\"\tLee\t\(index % 4 == 0 ? "" : "T\(index)")\r\n"
        }
        let bytes = utf16 ? TextDecoderTests.utf16(text, bigEndian: false) : Array(text.utf8)
        var results: [[RowResult]] = []
        var users: [[String: User]] = []
        for chunkBytes in [1, 3, 7, 4096, 1 << 20] {
            var sink = MemorySink()
            let options = ProcessingOptions(limits: ReadingLimits(chunkBytes: chunkBytes))
            _ = try Self.withFile(bytes) { path in
                try ImportProcessor.run(filePath: path, into: &sink, now: 3, options: options)
            }
            results.append(sink.results)
            users.append(sink.users)
        }
        #expect(results[0].count == 400 && results[0][0].rowNumber == 2 && results[0][1].rowNumber == 4)
        #expect(users[0]["u1@x.org"]?.firstName == "Zoë\t😀\r\n1")
        #expect(results.allSatisfy { $0 == results[0] } && users.allSatisfy { $0 == users[0] })
    }
}
