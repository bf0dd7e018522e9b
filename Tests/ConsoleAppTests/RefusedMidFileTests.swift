import Foundation
import Testing

/// A file found not to be text far into it is refused whole: nothing applied, and no row claims an outcome.
@Suite(.serialized)
struct RefusedMidFileTests {
    @Test func notTextDeepInTheFileAppliesNothingAndReportsNoRows() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        var text = "Email ID,First Name,Last Name,User Status\n"
        for i in 0..<20_000 { text += "user\(i)@example.com,First,Last,New\n" }
        var bytes = Array(text.utf8)
        bytes += Array("late@example.com,Nul".utf8) + [0] + Array(",Byte,New\n".utf8)
        let upload = try client.postMultipart(
            "/enrollment/import", fields: [("_csrf", csrf)],
            files: [(field: "file", fileName: "mostly-fine.csv", contentType: "text/csv", bytes: bytes)])
        #expect(upload.status == 303)
        console.waitForJobs()

        let page = try client.get("/enrollment/import")
        #expect(page.text.contains("was refused"))
        let users = try client.get("/enrollment/users")
        #expect(users.text.contains("The directory is empty"))
        let report = try client.get("/enrollment/imports/1")
        #expect(report.text.contains("Rejected"))
        #expect(report.text.contains("The file was refused whole, so no row was applied."))
        #expect(!report.text.contains(">Created<"))
        #expect(try console.outboxNames().isEmpty)
    }
}

extension TestConsole {
    /// The `.eml` files in the outbox folder.
    func outboxNames() throws -> [String] {
        let folder = dataDirectory + "/outbox"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".eml") }
    }
}
