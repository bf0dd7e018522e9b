import Storage
import Testing

@testable import Enrollment

struct RowResultTests {
    /// A row's cells whose email is `email`.
    static func row(email: String) throws -> ImportRow {
        try RowCellsTests.row([email, "Ann", "Lee", "", "", "", "", "New"])
    }

    /// A result that reads its email from a row's cells (or the record they became) is the result with that
    /// email as a string: equal, the same `email`, and the same bytes in the results file, for emails of every
    /// length class (empty, one length byte, two).
    @Test(arguments: ["", "ann@example.org", String(repeating: "a", count: 130) + "@example.org", "  "])
    func emailFromTheCellsEncodesAsTheString(email: String) throws {
        var row = try Self.row(email: email)
        let trimmed = row.email
        let fromCells = RowResult(
            rowNumber: 9, emailOf: row.profile, action: .new, outcome: .skipped, reason: "Skipped: user already exists")
        let fromString = RowResult(
            rowNumber: 9, email: trimmed, action: .new, outcome: .skipped, reason: "Skipped: user already exists")
        #expect(fromCells == fromString && fromCells.email == trimmed)
        #expect(Self.encoded(fromCells) == Self.encoded(fromString))

        _ = row.takePackedUser(state: .invited, createdAt: 1, updatedAt: 1)
        let fromRecord = RowResult(rowNumber: 9, emailOf: row.profile, action: .new, outcome: .created, reason: "")
        let decoded = try Self.encoded(fromRecord).withUnsafeBytes { raw in
            var reader = RecordReader(raw)
            return try reader.readRowResult()
        }
        #expect(decoded == RowResult(rowNumber: 9, email: trimmed, action: .new, outcome: .created))
    }

    /// Setting `email` replaces the email read from the cells.
    @Test func settingTheEmailReplacesTheCells() throws {
        var result = RowResult(
            rowNumber: 2, emailOf: try Self.row(email: "a@b.c").profile, action: nil, outcome: .failed, reason: "x")
        result.email = "other@b.c"
        #expect(result.email == "other@b.c")
        #expect(
            Self.encoded(result)
                == Self.encoded(RowResult(rowNumber: 2, email: "other@b.c", action: nil, outcome: .failed, reason: "x"))
        )
    }

    static func encoded(_ result: RowResult) -> [UInt8] {
        var writer = RecordWriter()
        writer.write(result)
        return writer.bytes
    }
}
