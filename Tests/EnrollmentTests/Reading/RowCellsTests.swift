import Testing

@testable import Enrollment

struct RowCellsTests {
    static let header = [
        "Email ID", "First Name", "Last Name", "Alternate ID", "Work Phone", "Title", "Department",
        "User Status",
    ]

    /// A row read from a record with every column.
    static func row(_ fields: [String], header: [String] = header) throws -> ImportRow {
        ImportRow(Record(line: 2, fields: fields), header: try ImportHeader(Record(line: 1, fields: header)))
    }

    /// Every cell reads back trimmed, whatever its length (a length of 128 bytes or more takes two bytes) and
    /// its characters; a column the file lacks reads as empty.
    @Test func cellsReadBackTrimmed() throws {
        let long = String(repeating: "é", count: 200)
        let row = try Self.row([" Ann@X.org", "Ann ", "\tLée", "", long, "Engineer", "😀", " new "])
        #expect(row.email == "Ann@X.org")
        #expect(row.firstName == "Ann" && row.lastName == "Lée" && row.alternateID == "")
        #expect(row.workPhone == long && row.title == "Engineer" && row.department == "😀")
        #expect(row.status == "new" && row.action == .new)
        let short = try Self.row(
            ["a@b.c", "Ann", "Lee", "Activate"], header: ["Email", "First Name", "Last Name", "Status"])
        #expect(short.workPhone == "" && short.department == "" && short.status == "Activate")
        #expect(short.action == .activate)
    }

    /// The user a New row creates is the one `User(newFrom:now:)` makes, packed: taken from a row nothing else
    /// holds (its cells become the record) and from one a copy still holds (the record is a copy, and the copy
    /// keeps its cells), with short and long statuses, where the status bytes are where the record goes on.
    @Test func newRowBecomesThePackedUser() throws {
        for status in ["New", "a status longer than the room a record needs after its strings"] {
            let fields = ["Ann@X.org", "Ann", String(repeating: "L", count: 130), "A-1", "+1 555", "", "R&D", status]
            let expected = PackedUser(User(newFrom: try Self.row(fields), now: 1_700_000_000_123))

            var alone = try Self.row(fields)
            let packed = alone.takePackedUser(
                state: .invited, createdAt: 1_700_000_000_123, updatedAt: 1_700_000_000_123)
            #expect(packed == expected)
            // The row goes on reading its email and names from the record it became, with an empty status.
            #expect(alone.email == "Ann@X.org" && alone.firstName == "Ann" && alone.lastName == fields[2])
            #expect(alone.department == "R&D" && alone.status == "")
            #expect(alone.profile.storage === packed.profile.storage, "the row's result reads the record itself")

            var shared = try Self.row(fields)
            let copy = shared
            #expect(
                shared.takePackedUser(state: .invited, createdAt: 1_700_000_000_123, updatedAt: 1_700_000_000_123)
                    == expected)
            let again = try Self.row(fields)
            #expect(copy.status == status && copy.lastName == fields[2] && copy == again)
        }
    }

    /// Times too large for the room after the cells (more than seven bytes each) make a copy, with the same bytes.
    @Test func timesBeyondTheRoomAreCopied() throws {
        let fields = ["Ann@X.org", "Ann", "Lee", "", "", "", "", "New"]
        let expected = PackedUser(
            User(
                email: "Ann@X.org", firstName: "Ann", lastName: "Lee", state: .active, createdAt: .min,
                updatedAt: .max))
        var row = try Self.row(fields)
        #expect(row.takePackedUser(state: .active, createdAt: .min, updatedAt: .max) == expected)
    }

    /// Rows are equal when their cells are, the status included.
    @Test func equalityComparesEveryCell() throws {
        let fields = ["a@b.c", "Ann", "Lee", "", "", "", "", "New"]
        #expect(try Self.row(fields) == Self.row(fields))
        var other = fields
        other[7] = "NEW"
        #expect(try Self.row(fields) != Self.row(other))
        other = fields
        other[6] = "R&D"
        #expect(try Self.row(fields) != Self.row(other))
    }
}
