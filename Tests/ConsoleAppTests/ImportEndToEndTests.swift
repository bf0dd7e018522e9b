import Foundation
import Testing

/// The Import page through the real server over loopback: sign in, upload, status, report.
@Suite(.serialized)
struct ImportEndToEndTests {
    @Test func uploadThroughTheFormShowsTheOutcomeAndReport() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let file = Array(
            "Email ID,First Name,Last Name,User Status\r\nann@example.com,Ann,<b>Lee</b>,New\r\nbad,X,Y,New\r\n".utf8)
        let upload = try client.postMultipart(
            "/enrollment/import", fields: [("_csrf", csrf)],
            files: [(field: "file", fileName: "people.csv", contentType: "text/csv", bytes: file)])
        #expect(upload.status == 303)
        #expect(upload.location == "/enrollment/import")
        console.waitForJobs()
        let page = try client.follow(upload)
        #expect(page.text.contains("Import completed: 1 user imported, 1 ignored."))
        let report = try client.get("/enrollment/imports/1")
        #expect(report.text.contains("Report On File Import"))
        #expect(report.text.contains("&lt;b&gt;Lee&lt;/b&gt;") || !report.text.contains("<b>Lee</b>"))
        #expect(report.text.contains("Ignored: invalid email format"))
        let outbox = try FileManager.default.contentsOfDirectory(atPath: console.dataDirectory + "/outbox")
        #expect(outbox.filter { $0.hasSuffix("invitation.eml") }.count == 1)
    }
}
