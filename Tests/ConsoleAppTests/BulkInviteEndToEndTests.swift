import Enrollment
import Foundation
import Testing

@testable import ConsoleApp

/// The Bulk Invite page through the real server over loopback: separators, duplicates, invalid and existing
/// addresses, re-sending, refusals, report, history, results and CSV, and the outbox.
struct BulkInviteEndToEndTests {
    /// Every row result of an operation, in row order.
    private static func results(_ console: TestConsole, _ id: Int64) throws -> [RowResult] {
        var all: [RowResult] = []
        try console.repository.forEachResult(operationID: id) { all.append($0) }
        return all
    }

    /// A console whose directory holds `invited@example.com` (Invited) and `active@example.com` (Active).
    private static func consoleWithUsers() throws -> (TestConsole, LoopbackHTTPClient, String) {
        let console = try TestConsole()
        let (client, csrf) = try console.signedInClient()
        _ = try console.run(
            """
            Email ID,First Name,Last Name,User Status
            invited@example.com,In,Vited,New
            active@example.com,Act,Ive,New
            active@example.com,,,Activate

            """, client: client, csrf: csrf)
        return (console, client, csrf)
    }

    @Test func seedAddressesAreInvited() throws {
        let seed = try TestConsole.sharedText(
            "seeds/"
                + (try #require(
                    try FileManager.default.contentsOfDirectory(atPath: TestConsole.sharedRoot + "/seeds")
                        .first { $0.hasPrefix("003_") })))
        let line = try #require(seed.components(separatedBy: "\n").first { $0.contains("For a '.txt' file:") })
        let text = String(line[try #require(line.range(of: "'.txt' file:")).upperBound...])
        let addresses = text.split(whereSeparator: { $0 == " " }).filter { $0.contains("@") }
        #expect(addresses == ["Kore.aiUser1@kore.com", "Kore.aiUser2@kore.com", "Kore.aiUser3@kore.com"])

        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let record = try console.run(text, named: "Kore.aiImport.txt", to: .bulkInvite, client: client, csrf: csrf)
        #expect(record.state == .completed)
        #expect(record.counts[.invited] == 3)
        #expect(console.outboxRecipients(kind: "invitation") == (1...3).map { "kore.aiuser\($0)@kore.com" })
        #expect(console.repository.user(forKey: "kore.aiuser2@kore.com")?.state == .invited)
        let page = try client.get("/enrollment/invite")
        #expect(page.text.contains("Bulk invite completed: 3 invited."))
        #expect(page.text.contains("<a href=\"/enrollment/invites/\(record.id)\">here</a>"))
    }

    @Test(arguments: [
        ("newline", "\n"), ("CRLF", "\r\n"), ("CR", "\r"), ("comma", ","), ("semicolon", ";"), ("space", " "),
        ("tab", "\t"), ("comma and space", ", "), ("blank lines", "\n\n\n"),
    ])
    func everySeparatorSplitsAddresses(name: String, separator: String) throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let addresses = (1...4).map { "person\($0)@example.com" }
        let record = try console.run(
            addresses.joined(separator: separator) + separator, named: "list.txt", to: .bulkInvite, client: client,
            csrf: csrf)
        #expect(record.counts[.invited] == 4, "\(name)")
        #expect(record.counts.total == 4, "\(name)")
        #expect(console.outboxRecipients(kind: "invitation") == addresses)
    }

    @Test func duplicatesInvalidAndExistingAddressesAreReportedAndNotMailed() throws {
        let (console, client, csrf) = try Self.consoleWithUsers()
        defer { console.stop() }
        let mailBefore = console.outboxRecipients(kind: "invitation")
        #expect(mailBefore == ["active@example.com", "invited@example.com"])
        let record = try console.run(
            """
            new1@example.com
            NEW1@EXAMPLE.COM, not-an-address; invited@example.com
            Active@Example.com new2@example.com
            new1@example.com
            """, named: "invite.txt", to: .bulkInvite, client: client, csrf: csrf)
        let rows = try Self.results(console, record.id)
        let expected: [(String, RowOutcome, String)] = [
            ("new1@example.com", .invited, ""), ("NEW1@EXAMPLE.COM", .duplicate, "Duplicate in file"),
            ("not-an-address", .ignored, "Ignored: invalid email format"),
            ("invited@example.com", .skipped, "Skipped: already a user"),
            ("Active@Example.com", .skipped, "Skipped: already a user"), ("new2@example.com", .invited, ""),
            ("new1@example.com", .duplicate, "Duplicate in file"),
        ]
        try #require(rows.count == expected.count)
        for (row, (email, outcome, reason)) in zip(rows, expected) {
            #expect(row.email == email)
            #expect(row.outcome == outcome, "\(email)")
            if !reason.isEmpty { #expect(row.reason == reason, "\(email)") }
        }
        #expect(
            console.outboxRecipients(kind: "invitation") == [
                "active@example.com", "invited@example.com", "new1@example.com", "new2@example.com",
            ])
        #expect(console.repository.user(forKey: "active@example.com")?.state == .active)
        let page = try client.get("/enrollment/invite")
        #expect(page.text.contains("Bulk invite completed: 2 invited, 1 ignored, 2 duplicate, 2 skipped."))
    }

    @Test func resendReinvitesOnlyPeopleStillInvited() throws {
        let (console, client, csrf) = try Self.consoleWithUsers()
        defer { console.stop() }
        let outboxBefore = console.outbox.count
        let record = try console.run(
            "invited@example.com\nactive@example.com\nbrand.new@example.com\n", named: "again.txt", to: .bulkInvite,
            client: client, csrf: csrf, resend: true)
        #expect(record.resendInvitations)
        let rows = try Self.results(console, record.id)
        #expect(rows.map(\.outcome) == [.reinvited, .skipped, .invited])
        #expect(console.outbox.count == outboxBefore + 2)
        #expect(
            console.outboxRecipients(kind: "invitation") == [
                "active@example.com", "brand.new@example.com", "invited@example.com", "invited@example.com",
            ])
        // Without the checkbox the same file re-invites no one.
        let plain = try console.run(
            "invited@example.com\n", named: "plain.txt", to: .bulkInvite, client: client, csrf: csrf)
        #expect(try Self.results(console, plain.id).map(\.outcome) == [.skipped])
        #expect(console.outbox.count == outboxBefore + 2)
    }

    @Test(arguments: ["", "\n\n", " , ; \n\t"])
    func fileWithoutAddressesIsRefused(text: String) throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let record = try console.run(text, named: "nothing.txt", to: .bulkInvite, client: client, csrf: csrf)
        #expect(record.state == .rejected)
        let expected = text.isEmpty ? "The file is empty." : "The file contains no email addresses."
        #expect(record.reason == expected)
        let page = try client.get("/enrollment/invite")
        #expect(page.text.contains("Bulk invite of nothing.txt was refused: \(expected)"))
        let history = try client.get("/enrollment/invite/history")
        #expect(history.text.contains(">Rejected<"))
        #expect(console.repository.userCount == 0)
        #expect(console.outbox.isEmpty)
    }

    @Test func reportHistoryResultsAndCSV() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let first = try console.run(
            "one@example.com\n", named: "first.txt", to: .bulkInvite, client: client, csrf: csrf)
        let second = try console.run(
            "two@example.com, bad-address, two@example.com\n", named: "second.txt", to: .bulkInvite, client: client,
            csrf: csrf)

        let report = try client.get("/enrollment/invites/\(second.id)")
        #expect(report.status == 200)
        #expect(report.text.contains("Report on File Based Bulk User Invite"))
        #expect(report.text.contains("Duplicate in file") && report.text.contains("Ignored: invalid email format"))
        #expect(report.text.contains("href=\"/enrollment/invite/history\""))
        let filtered = try client.get("/enrollment/invites/\(second.id)?outcome=duplicate")
        #expect(filtered.text.components(separatedBy: "<tr><td>").count - 1 == 1)

        let history = try client.get("/enrollment/invite/history")
        #expect(history.text.contains("History of Bulk User Invite"))
        #expect(history.text.contains("Sent by"))
        #expect(history.text.components(separatedBy: "<td>\(TestConsole.adminEmail)</td>").count - 1 == 2)
        let newer = try #require(history.text.range(of: "<td>second.txt</td>")).lowerBound
        let older = try #require(history.text.range(of: "<td>first.txt</td>")).lowerBound
        #expect(newer < older)
        for id in [first.id, second.id] {
            #expect(history.text.contains("<a href=\"/enrollment/invites/\(id)/results\">Results</a>"))
            let results = try client.get("/enrollment/invites/\(id)/results")
            #expect(results.text.contains("Report on File Based Bulk User Invite"))
            #expect(results.text.contains("Back to History of Bulk User Invite"))
        }
        // The import pages know nothing of invites, and the other way round.
        #expect(try client.get("/enrollment/imports/\(second.id)").status == 404)

        let csv = try client.get("/enrollment/invites/\(second.id)/results.csv")
        #expect(csv.header("Content-Disposition")?.hasPrefix("attachment;") == true)
        #expect(csv.header("Content-Disposition")?.contains("invite-\(second.id)-results.csv") == true)
        let rows = CSVTestReader.rows(csv.text)
        #expect(rows.count == 4)
        #expect(rows.dropFirst().map { $0[3] } == ["Invited", "Ignored", "Duplicate"])
        #expect(try client.get("/enrollment/invite/invite-sample.txt").status == 200)
    }
}
