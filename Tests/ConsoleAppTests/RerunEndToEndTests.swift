import Enrollment
import Foundation
import Testing

/// An import cut off by a stop shows as interrupted with nothing applied, and one action re-runs it from its
/// kept upload, which stays downloadable byte for byte.
@Suite(.serialized)
struct RerunEndToEndTests {
    static let file = Array(
        "Email ID,First Name,Last Name,User Status\r\nann@example.com,Ann,Lee,New\r\nbo@example.com,Bo,Ek,New\r\n".utf8)

    /// A data folder holding one import that was queued when its console stopped.
    private func folderWithUnfinishedImport() throws -> String {
        let folder = NSTemporaryDirectory() + "rerun-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/spool", withIntermediateDirectories: true)
        let spool = folder + "/spool/upload"
        #expect(FileManager.default.createFile(atPath: spool, contents: Data(Self.file)))
        let repository = try EnrollmentRepository.open(dataDirectory: folder, now: { 1_000 }, log: { _ in })
        _ = try repository.createOperation(
            kind: .userImport, fileName: "people.csv", uploadedBy: TestConsole.adminEmail, uploadedFile: spool,
            resendInvitations: false)
        repository.close()
        return folder
    }

    @Test func interruptedImportIsRerunFromItsKeptFile() throws {
        let folder = try folderWithUnfinishedImport()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let console = try TestConsole { $0.dataDirectory = folder }
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()

        let page = try client.get("/enrollment/import")
        #expect(page.text.contains("was interrupted"))
        #expect(page.text.contains("Re-run this file"))
        #expect(try client.get("/enrollment/users").text.contains("The directory is empty"))

        let original = try client.get("/enrollment/imports/1/file")
        #expect(original.status == 200)
        #expect(original.body == Self.file)
        #expect(original.header("Content-Disposition")?.contains("people.csv") == true)

        let rerun = try client.post("/enrollment/imports/1/rerun", form: [("_csrf", csrf)])
        #expect(rerun.status == 303)
        console.waitForJobs()
        let after = try client.follow(rerun)
        #expect(after.text.contains("Import completed: 2 users imported."))
        let history = try client.get("/enrollment/import/history")
        #expect(history.text.contains("Interrupted") && history.text.contains("Completed"))
        #expect(try client.get("/enrollment/imports/2/file").body == Self.file)
    }
}
