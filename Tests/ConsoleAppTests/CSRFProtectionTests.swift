import Foundation
import Testing

@testable import ConsoleApp

/// Forged form posts over loopback: without the session's token, with another session's token, or from another
/// site they are refused with 403 and change nothing; the genuine post works.
struct CSRFProtectionTests {
    /// One way of forging an upload.
    enum Forgery: String, CaseIterable, Sendable {
        case noToken, emptyToken, otherSessionsToken, evilOrigin, evilReferer, nullOrigin
    }

    private static let importFile = Array(
        "Email ID,First Name,Last Name,User Status\nmallory@example.com,Mal,Lory,New\n".utf8)

    @Test(arguments: Forgery.allCases)
    func forgedUploadIsRefusedAndChangesNothing(forgery: Forgery) throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let (_, otherToken) = try console.signedInClient()
        var token: String? = csrf
        var headers: [(String, String)] = []
        switch forgery {
        case .noToken: token = nil
        case .emptyToken: token = ""
        case .otherSessionsToken: token = otherToken
        case .evilOrigin: headers = [("Origin", "https://evil.example")]
        case .evilReferer: headers = [("Referer", "https://evil.example/page")]
        case .nullOrigin: headers = [("Origin", "null")]
        }
        #expect(otherToken != csrf)
        for page in [TestConsole.UploadPage.userImport, .bulkInvite] {
            let response = try client.postMultipart(
                page.rawValue, fields: token.map { [("_csrf", $0)] } ?? [],
                files: [(field: "file", fileName: "people.csv", contentType: "text/csv", bytes: Self.importFile)],
                headers: headers)
            #expect(response.status == 403, "\(page)")
        }
        console.waitForJobs()
        #expect(console.operationCount == 0)
        #expect(console.repository.userCount == 0)
        #expect(console.outbox.isEmpty)
        let spool = try FileManager.default.contentsOfDirectory(atPath: console.dataDirectory + "/spool")
        #expect(spool.isEmpty)
        // The session survives a refused post.
        #expect(try client.get("/enrollment/import").status == 200)
    }

    @Test(arguments: Forgery.allCases)
    func forgedSignOutAndRerunAreRefused(forgery: Forgery) throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let (_, otherToken) = try console.signedInClient()
        let record = try console.run(
            "Email ID,First Name,Last Name,User Status\nann@example.com,Ann,Lee,New\n", client: client, csrf: csrf)
        var form: [(String, String)] = [("_csrf", csrf)]
        var headers: [(String, String)] = []
        switch forgery {
        case .noToken: form = []
        case .emptyToken: form = [("_csrf", "")]
        case .otherSessionsToken: form = [("_csrf", otherToken)]
        case .evilOrigin: headers = [("Origin", "https://evil.example")]
        case .evilReferer: headers = [("Referer", "https://evil.example/page")]
        case .nullOrigin: headers = [("Origin", "null")]
        }
        let rerun = try client.post("/enrollment/imports/\(record.id)/rerun", form: form, headers: headers)
        #expect(rerun.status == 403)
        let signOut = try client.post("/signout", form: form, headers: headers)
        #expect(signOut.status == 403)
        console.waitForJobs()
        #expect(console.operationCount == 1)
        #expect(try client.get("/enrollment/import").status == 200)
    }

    @Test func genuineUploadFromThisSiteWorks() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let response = try console.upload(
            Self.importFile, named: "people.csv", to: .userImport, client: client, csrf: csrf,
            headers: [("Origin", console.baseURL), ("Referer", console.baseURL + "/enrollment/import")])
        #expect(response.status == 303)
        console.waitForJobs()
        #expect(console.operationCount == 1)
        #expect(console.repository.user(forKey: "mallory@example.com") != nil)
        #expect(console.outboxRecipients(kind: "invitation") == ["mallory@example.com"])
    }

    @Test func signInFromAnotherSiteIsRefused() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let client = LoopbackHTTPClient(port: UInt16(console.port))
        let response = try client.post(
            "/signin", form: [("email", TestConsole.adminEmail), ("password", TestConsole.adminPassword)],
            headers: [("Origin", "https://evil.example")])
        #expect(response.status == 403)
        #expect(client.cookies["session"] == nil)
    }
}
