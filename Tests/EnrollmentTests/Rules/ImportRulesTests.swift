import Testing

@testable import Enrollment

struct ImportRulesTests {
    static let now: Int64 = 1_700_000_000_000

    static func row(
        _ status: String, email: String = "ann@example.com", firstName: String = "", lastName: String = "",
        title: String = "", fieldCount: Int = 8, rowNumber: Int = 2
    ) -> ImportRow {
        ImportRow(
            rowNumber: rowNumber, email: email, firstName: firstName, lastName: lastName, title: title, status: status,
            fieldCount: fieldCount)
    }

    /// Applies rows in order to `sink`; the decisions.
    static func apply(_ rows: [ImportRow], to sink: inout MemorySink) -> [RuleDecision] {
        rows.map { ImportRules.apply($0, to: &sink, now: now, operationID: sink.operationID) }
    }

    @Test func createsAnInvitedUserWithAnInvitation() throws {
        var sink = MemorySink()
        let decision = try #require(
            Self.apply(
                [Self.row("New", email: "Ann@Example.com", firstName: "Ann", lastName: "Lee", title: "CTO")], to: &sink
            ).first)
        #expect(decision.result == RowResult(rowNumber: 2, email: "Ann@Example.com", action: .new, outcome: .created))
        #expect(
            decision.mail
                == MailIntent(
                    kind: .invitation, email: "Ann@Example.com", firstName: "Ann", lastName: "Lee", operationID: 7,
                    rowNumber: 2))
        let user = try #require(sink.users["ann@example.com"])
        #expect(
            user.state == .invited && user.title == "CTO" && user.createdAt == Self.now && user.updatedAt == Self.now)
    }

    @Test func skipsNewForAnExistingUserWithoutMail() {
        let existing = User.make("ann@example.com", state: .active)
        var sink = MemorySink([existing])
        let decisions = Self.apply(
            [Self.row("new", email: "ANN@example.com", firstName: "X", lastName: "Y")], to: &sink)
        #expect(decisions.map(\.result.reason) == ["Skipped: user already exists"])
        #expect(decisions.map(\.result.outcome) == [.skipped] && decisions[0].mail == nil)
        #expect(sink.users["ann@example.com"] == existing)
    }

    @Test(arguments: [
        ("", "", "Failed: First Name and Last Name are required"), ("", "Lee", "Failed: First Name is required"),
        ("Ann", "", "Failed: Last Name is required"),
    ])
    func failsNewWithoutNames(firstName: String, lastName: String, reason: String) {
        var sink = MemorySink()
        let decisions = Self.apply([Self.row("New", firstName: firstName, lastName: lastName)], to: &sink)
        #expect(decisions.map(\.result.outcome) == [.failed] && decisions.map(\.result.reason) == [reason])
        #expect(sink.users.isEmpty && decisions[0].mail == nil)
    }

    @Test func updatesNonEmptyCellsAndKeepsTheRest() throws {
        var sink = MemorySink([User.make("ann@example.com")])
        let decisions = Self.apply([Self.row("UPDATE", email: "ann@EXAMPLE.com", lastName: "Smith")], to: &sink)
        #expect(decisions.map(\.result.outcome) == [.updated] && decisions[0].mail == nil)
        let user = try #require(sink.users["ann@example.com"])
        #expect(user.lastName == "Smith" && user.firstName == "Ann" && user.title == "Boss" && user.workPhone == "555")
        #expect(user.email == "ann@example.com" && user.state == .invited && user.updatedAt == Self.now)
    }

    @Test(arguments: ["Update", "Delete", "Activate"])
    func failsForAMissingUser(status: String) {
        var sink = MemorySink([User.make("bob@example.com")])
        let decisions = Self.apply([Self.row(status, firstName: "A", lastName: "B")], to: &sink)
        #expect(decisions.map(\.result.outcome) == [.failed])
        #expect(decisions.map(\.result.reason) == ["Failed: no such user"])
        #expect(sink.users.count == 1 && decisions[0].mail == nil)
    }

    @Test func deletesAnExistingUser() {
        var sink = MemorySink([User.make("ann@example.com", state: .active)])
        let decisions = Self.apply([Self.row("delete", email: "Ann@example.com")], to: &sink)
        #expect(decisions.map(\.result.outcome) == [.deleted] && sink.users.isEmpty && decisions[0].mail == nil)
    }

    @Test(arguments: [UserState.invited, .inactive])
    func activatesWithANotice(state: UserState) throws {
        var sink = MemorySink([User.make("ann@example.com", state: state)])
        let decisions = Self.apply([Self.row("Activate")], to: &sink)
        #expect(decisions.map(\.result.outcome) == [.activated])
        #expect(decisions[0].mail?.kind == .activation && decisions[0].mail?.firstName == "Ann")
        #expect(try #require(sink.users["ann@example.com"]).state == .active)
    }

    @Test func skipsActivatingAnActiveUser() {
        var sink = MemorySink([User.make("ann@example.com", state: .active)])
        let decisions = Self.apply([Self.row("activate")], to: &sink)
        #expect(decisions.map(\.result.reason) == ["Skipped: already active"] && decisions[0].mail == nil)
    }

    @Test(arguments: ["New", "Update", "Delete", "Activate"])
    func ignoresAnInvalidEmail(status: String) {
        var sink = MemorySink([User.make("ann@example.com")])
        for email in ["ann@example", "ann example.com", "", "ann@@example.com"] where email != "ann@example" {
            let decisions = Self.apply([Self.row(status, email: email, firstName: "A", lastName: "B")], to: &sink)
            #expect(decisions.map(\.result.outcome) == [.ignored])
            #expect(decisions.map(\.result.reason) == ["Ignored: invalid email format"])
        }
        #expect(sink.users.count == 1)
    }

    @Test func failsAnUnknownOrEmptyStatus() {
        var sink = MemorySink()
        let decisions = Self.apply([Self.row("Remove"), Self.row(""), Self.row("Invite")], to: &sink)
        #expect(
            decisions.map(\.result.reason) == [
                "Failed: unknown User Status \"Remove\"", "Failed: User Status is empty",
                "Failed: unknown User Status \"Invite\"",
            ])
        #expect(decisions.allSatisfy { $0.result.outcome == .failed && $0.result.action == nil })
    }

    @Test func failsARowWithTheWrongFieldCount() {
        var sink = MemorySink()
        let decisions = Self.apply([Self.row("New", firstName: "A", lastName: "B", fieldCount: 7)], to: &sink)
        #expect(decisions.map(\.result.reason) == ["expected 8 fields, found 7"])
        #expect(decisions.map(\.result.outcome) == [.failed] && sink.users.isEmpty)
    }

    @Test func appliesDeleteThenNewOfOneEmailInOrder() throws {
        var sink = MemorySink([User.make("ann@example.com", state: .active)])
        let decisions = Self.apply(
            [
                Self.row("Delete", rowNumber: 2),
                Self.row("New", email: "ANN@example.com", firstName: "Ann", lastName: "New", rowNumber: 3),
                Self.row("New", firstName: "Ann", lastName: "Again", rowNumber: 4), Self.row("Activate", rowNumber: 5),
            ], to: &sink)
        #expect(decisions.map(\.result.outcome) == [.deleted, .created, .skipped, .activated])
        #expect(decisions.compactMap(\.mail).map(\.kind) == [.invitation, .activation])
        #expect(decisions.compactMap(\.mail).map(\.rowNumber) == [3, 5])
        #expect(decisions.map(\.isMailToStagedUser) == [false, true, false, true], "mail goes to the user staged")
        let user = try #require(sink.users["ann@example.com"])
        #expect(user.lastName == "New" && user.email == "ANN@example.com" && user.state == .active)
    }
}
