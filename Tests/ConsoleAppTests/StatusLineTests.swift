import Enrollment
import Foundation
import Testing

@testable import ConsoleApp

/// The status line under the upload button, as its fragment URL serves it while a large import runs and after.
struct StatusLineTests {
    static let rowCount = 200_000

    @Test func largeImportShowsProgressThenTheOutcomeWithAHereLink() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        // Updates of unknown users: every row is read, checked and recorded, but no mail is composed, so the
        // test spends its time on the import rather than on 200,000 outbox files.
        var file = "Email ID,First Name,Last Name,Title,Department,User Status\n"
        file.reserveCapacity(Self.rowCount * 60)
        for n in 0..<Self.rowCount { file += "user\(n)@example.com,First\(n),Last\(n),Engineer,Research,Update\n" }
        let upload = try console.upload(
            Array(file.utf8), named: "large.csv", to: .userImport, client: client, csrf: csrf)
        #expect(upload.status == 303)
        let id = try #require(console.repository.latestOperation(kind: .userImport)?.id)
        let statusURL = "/enrollment/imports/\(id)/status"

        var progress: [String] = []
        var final = ""
        let started = ContinuousClock.now
        while ContinuousClock.now < started + .seconds(120) {
            let fragment = try client.get(statusURL)
            #expect(fragment.status == 200)
            guard fragment.text.contains("data-status-url=\"\(statusURL)\"") else {
                final = fragment.text
                break
            }
            if fragment.text.contains("Importing… ") { progress.append(fragment.text) }
            Thread.sleep(forTimeInterval: 0.002)
        }
        let elapsed = ContinuousClock.now - started
        // Reading and recording 200,000 rows takes far longer than one 2 ms poll interval (seconds in a debug
        // build), so at least one poll sees the import running. Should an import ever finish before the first
        // poll, `progress` is empty and only the outcome below can be checked; the message then says how long
        // it took, so the row count can be raised rather than the test weakened.
        // While the first pass counts the rows the total is unknown ("Importing… 0 rows"); after it, every
        // fragment names the total and the progress bar's maximum is the row count.
        let counted = progress.filter { $0.contains(" of 200,000 rows</p>") }
        #expect(!counted.isEmpty, "no poll saw the rows being applied; the import took \(elapsed)")
        for fragment in counted { #expect(fragment.contains("<progress max=\"200000\" value=\"")) }
        for fragment in progress where !counted.contains(fragment) {
            #expect(fragment.contains("<p>Importing… 0 rows</p>") && fragment.contains("<progress"))
        }
        #expect(final.contains("Import completed: 0 users imported, 200,000 failed. View details"))
        #expect(final.contains("<a href=\"/enrollment/imports/\(id)\">here</a>"))
        #expect(!final.contains("<progress"))
        let page = try client.get("/enrollment/import")
        #expect(page.text.contains("Import completed: 0 users imported, 200,000 failed."))
        #expect(!page.text.contains("http-equiv=\"refresh\""))
    }

    /// A completed import says what it did: "imported" when it created users (the seed's sentence), the one
    /// thing it did otherwise, or each kind of change when there were several; a bulk invite counts invitations.
    @Test(arguments: [
        ([RowOutcome.created: 98, .ignored: 2], "98 users imported, 2 ignored"),
        ([.failed: 3], "0 users imported, 3 failed"),
        ([.updated: 890_000, .failed: 110_000], "890,000 users updated, 110,000 failed"),
        ([.deleted: 1], "1 user deleted"),
        ([.activated: 2, .skipped: 1], "2 users activated, 1 skipped"),
        (
            [.created: 3, .updated: 2, .deleted: 1, .activated: 1],
            "7 users imported (3 created, 2 updated, 1 deleted, 1 activated)"
        ),
    ])
    func completedImportSaysWhatItDid(outcomes: [RowOutcome: Int], phrase: String) {
        var counts = OutcomeCounts()
        for (outcome, count) in outcomes { counts.add(outcome, count: count) }
        let record = OperationRecord(
            id: 1, kind: .userImport, fileName: "people.csv", uploadedBy: "admin", createdAt: 0, state: .completed,
            counts: counts)
        #expect(StatusLineView.countsPhrase(record, page: .userImport) == phrase)
    }
}
