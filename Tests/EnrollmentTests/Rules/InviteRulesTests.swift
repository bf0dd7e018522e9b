import Testing

@testable import Enrollment

struct InviteRulesTests {
    static func apply(_ addresses: [String], to sink: inout MemorySink, resend: Bool = false) -> [RuleDecision] {
        var rules = InviteRules(resendInvitations: resend)
        return addresses.enumerated().map { index, address in
            rules.apply(InviteReader.Entry(rowNumber: index + 1, address: address), to: &sink, now: 42, operationID: 7)
        }
    }

    @Test func invitesNewAddresses() throws {
        var sink = MemorySink()
        let decisions = Self.apply(
            ["Kore.aiUser1@kore.com", "Kore.aiUser2@kore.com", "Kore.aiUser3@kore.com"], to: &sink)
        #expect(decisions.map(\.result.outcome) == [.invited, .invited, .invited])
        #expect(decisions.map(\.result.action) == [.invite, .invite, .invite])
        #expect(
            decisions.compactMap(\.mail).map(\.email) == [
                "Kore.aiUser1@kore.com", "Kore.aiUser2@kore.com", "Kore.aiUser3@kore.com",
            ])
        #expect(decisions.compactMap(\.mail).allSatisfy { $0.kind == .invitation && $0.operationID == 7 })
        #expect(decisions.allSatisfy { $0.isMailToStagedUser }, "each goes to the user it staged")
        let user = try #require(sink.users["kore.aiuser2@kore.com"])
        #expect(user.state == .invited && user.createdAt == 42 && user.email == "Kore.aiUser2@kore.com")
    }

    @Test func reportsEachRepeatAsDuplicateIgnoringCase() {
        var sink = MemorySink([User.make("old@example.com", state: .active)])
        let decisions = Self.apply(
            ["a@example.com", "A@EXAMPLE.COM", "old@example.com", "a@Example.com", "OLD@example.com"], to: &sink)
        #expect(decisions.map(\.result.outcome) == [.invited, .duplicate, .skipped, .duplicate, .duplicate])
        #expect(decisions[1].result.reason == "Duplicate in file" && decisions.compactMap(\.mail).count == 1)
    }

    @Test func ignoresInvalidAddressesEveryTime() {
        var sink = MemorySink()
        let decisions = Self.apply(["not-an-email", "not-an-email", "a@b@c", "\"q\"@x.org"], to: &sink)
        #expect(
            decisions.allSatisfy {
                $0.result.outcome == .ignored && $0.result.reason == "Ignored: invalid email format"
            })
        #expect(sink.users.isEmpty)
    }

    @Test(arguments: [UserState.invited, .active, .inactive])
    func skipsExistingUsersWithoutResend(state: UserState) {
        var sink = MemorySink([User.make("ann@example.com", state: state)])
        let decisions = Self.apply(["Ann@Example.com"], to: &sink)
        #expect(decisions.map(\.result.reason) == ["Skipped: already a user"] && decisions[0].mail == nil)
    }

    @Test(arguments: [(UserState.invited, RowOutcome.reinvited), (.active, .skipped), (.inactive, .skipped)])
    func resendsOnlyToUsersStillInvited(state: UserState, outcome: RowOutcome) throws {
        let existing = User.make("ann@example.com", state: state)
        var sink = MemorySink([existing])
        let decisions = Self.apply(["ann@example.com"], to: &sink, resend: true)
        #expect(decisions.map(\.result.outcome) == [outcome])
        #expect((decisions[0].mail != nil) == (outcome == .reinvited))
        #expect(!decisions[0].isMailToStagedUser, "a re-invitation stages nothing")
        if outcome == .reinvited {
            #expect(
                decisions[0].mail
                    == MailIntent(
                        kind: .invitation, email: "ann@example.com", firstName: "Ann", lastName: "Lee", operationID: 7,
                        rowNumber: 1))
        }
        #expect(sink.users["ann@example.com"] == existing)
    }
}
