import Testing

@testable import Enrollment

/// An Update row's change worked on the encodings (`PackedUser.updated(withCellsOf:now:)`), and the repository's
/// run staging it on the stored records (`OperationRun.update`).
struct PackedUserUpdateTests {
    static let now: Int64 = 1_700_000_000_000
    static let user = User(
        email: "Ann.Lee@Example.org", firstName: "Ann", lastName: "Lée", alternateID: "A-1", workPhone: "+1 555",
        title: "Engineer", department: String(repeating: "D", count: 300), state: .active, createdAt: -5,
        updatedAt: 7)

    static func row(
        email: String = "ann.lee@example.org", firstName: String = "", lastName: String = "", title: String = "",
        department: String = ""
    ) -> ImportRow {
        ImportRow(
            rowNumber: 2, email: email, firstName: firstName, lastName: lastName, title: title,
            department: department, status: "Update")
    }

    /// Non-empty cells replace the user's, long ones included (a length of 128 bytes or more takes two bytes);
    /// empty cells keep the user's values; the email keeps its spelling, the state and creation time stay, and
    /// the user is updated now.
    @Test func takesNonEmptyCellsAndKeepsTheRest() throws {
        let title = String(repeating: "T", count: 200)
        let row = Self.row(email: "ANN.LEE@EXAMPLE.ORG", lastName: "Smíth", title: title)
        let updated = try #require(PackedUser(Self.user).updated(withCellsOf: row, now: Self.now))
        var expected = Self.user
        expected.lastName = "Smíth"
        expected.title = title
        expected.updatedAt = Self.now
        #expect(updated.user == expected)
        #expect(updated == PackedUser(expected))
    }

    /// A row whose cells are empty or equal to the user's changes nothing: nil, so nothing is staged.
    @Test func unchangedCellsMakeNoUpdate() {
        let packed = PackedUser(Self.user)
        #expect(packed.updated(withCellsOf: Self.row(), now: Self.now) == nil)
        let same = Self.row(firstName: "Ann", lastName: "Lée", department: Self.user.department)
        #expect(packed.updated(withCellsOf: same, now: Self.now) == nil)
    }

    /// The run sees and updates a committed user and a user it staged itself; a user it removed, or one never
    /// there, is no such user; an update that changes nothing stages nothing. After the commit the directory has
    /// the updated users.
    @Test func runUpdatesStagedAndCommittedUsers() throws {
        let fixture = RepositoryFixture()
        defer { fixture.remove() }
        let repository = try fixture.open()
        defer { repository.close() }
        try fixture.importUsers(repository, [RepositoryFixture.user("ann@x.org"), RepositoryFixture.user("bo@x.org")])
        let record = try repository.createOperation(
            kind: .userImport, fileName: "updates.csv", uploadedBy: "admin", uploadedFile: try fixture.spool(),
            resendInvitations: false)
        let run = try repository.beginRun(operationID: record.id)
        run.put(RepositoryFixture.user("cy@x.org"))
        run.remove(key: DirectoryKey("bo@x.org"))
        func update(_ email: String, title: String) -> Bool? {
            run.update(key: DirectoryKey(email), withCellsOf: Self.row(email: email, title: title), now: Self.now)
        }
        let seen = ["ann@x.org", "bo@x.org", "cy@x.org", "dee@x.org"].map { run.containsUser(forKey: DirectoryKey($0)) }
        #expect(seen == [true, false, true, false], "committed, removed by the run, staged by it, never there")
        #expect(update("ann@x.org", title: "CTO") == true)
        #expect(update("cy@x.org", title: "CFO") == true)
        #expect(update("bo@x.org", title: "COO") == nil)
        #expect(update("dee@x.org", title: "CEO") == nil)
        #expect(update("ann@x.org", title: "CTO") == false)
        #expect(run.user(forKey: "ann@x.org")?.title == "CTO")
        try run.commit()
        #expect(repository.user(forKey: "ann@x.org")?.title == "CTO")
        #expect(repository.user(forKey: "ann@x.org")?.updatedAt == Self.now)
        #expect(repository.user(forKey: "cy@x.org")?.title == "CFO")
        #expect(repository.user(forKey: "bo@x.org") == nil)
    }
}
