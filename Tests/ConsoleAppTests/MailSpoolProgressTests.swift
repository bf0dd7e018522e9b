import Foundation
import Testing

@testable import ConsoleApp

struct MailSpoolProgressTests {
    /// Marked operations start at row 0 and only move forward; forgotten ones are looked up again (nil).
    @Test func tracksTheLastRowWrittenPerOperation() {
        let progress = MailSpoolProgress()
        #expect(progress.writtenThrough(7) == nil)
        progress.begin(7)
        #expect(progress.writtenThrough(7) == 0)
        progress.advance(7, through: 40)
        progress.advance(7, through: 12)
        progress.begin(7)
        #expect(progress.writtenThrough(7) == 40)
        #expect(progress.writtenThrough(8) == nil)
        progress.end(7)
        #expect(progress.writtenThrough(7) == nil)
    }

    /// The report shows rows past the writer's progress as not written yet, even where a file exists, and looks
    /// the others up: what it shows follows the progress, so the short cut is the one taken.
    @Test func reportShowsRowsPastTheWritersProgressAsNotWrittenYet() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let file = Array(
            ("Email ID,First Name,Last Name,User Status\r\nann@example.com,Ann,Lee,New\r\n"
                + "bob@example.com,Bob,Ray,New\r\n").utf8)
        let response = try client.postMultipart(
            "/enrollment/import", fields: [("_csrf", csrf)],
            files: [(field: "file", fileName: "people.csv", contentType: "text/csv", bytes: file)])
        #expect(response.status == 303)
        console.waitForJobs()

        func states() throws -> (queued: Int, notWritten: Int) {
            let report = try client.get("/enrollment/imports/1").text
            return (
                report.components(separatedBy: ">Queued<").count - 1,
                report.components(separatedBy: ">Not written yet<").count - 1
            )
        }
        #expect(try states() == (2, 0))
        let progress = console.application.context.jobs.mailProgress
        progress.begin(1)
        #expect(try states() == (0, 2))
        progress.advance(1, through: 2)  // the first data row is line 2
        #expect(try states() == (1, 1))
        progress.end(1)
        #expect(try states() == (2, 0))
    }
}
