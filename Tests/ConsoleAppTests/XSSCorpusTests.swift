import Foundation
import Testing

@testable import ConsoleApp

/// The XSS corpus (`corpora/payloads/xss-payloads.txt`) put into every field an import stores and into the
/// uploaded file name: every page shows it as text, no page carries an inline script, every response has a CSP.
@Suite(.serialized)
struct XSSCorpusTests {
    /// The payloads, split on `\n` only (line 15 holds a form feed).
    static let payloads: [String] = {
        let text = (try? TestConsole.sharedText("corpora/payloads/xss-payloads.txt")) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }()

    /// Characters the escaper must change; a payload holding one must never appear byte for byte.
    private static func isDangerous(_ payload: String) -> Bool {
        payload.contains { "<>\"'&".contains($0) }
    }

    /// Checks one HTML response: CSP present, no inline script, no raw payload.
    private static func expectInert(
        _ response: HTTPClientResponse, payloads: [String], page: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == 200, "\(page)", sourceLocation: sourceLocation)
        #expect(
            response.header("Content-Security-Policy")?.contains("script-src 'self'") == true, "\(page)",
            sourceLocation: sourceLocation)
        #expect(TestConsole.inlineScripts(in: response.text).isEmpty, "\(page)", sourceLocation: sourceLocation)
        for payload in payloads where isDangerous(payload) {
            #expect(!response.text.contains(payload), "\(page) shows \(payload) raw", sourceLocation: sourceLocation)
        }
        #expect(response.text.hasSuffix("</html>\n"), "\(page) is cut short", sourceLocation: sourceLocation)
    }

    /// The payload as the template escaper writes it.
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test func corpusIsReadWhole() {
        #expect(Self.payloads.count == 68)
        #expect(Self.payloads.contains { $0.contains("\u{0C}") })
    }

    @Test func payloadsInEveryImportedFieldAreShownAsText() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        var lines = ["Email ID,First Name,Last Name,Title,Department,User Status"]
        for (index, payload) in Self.payloads.enumerated() {
            let field = TestConsole.csvField(payload)
            lines.append("user\(index)@example.com,\(field),\(field),\(field),\(field),New")
            // An invalid email is reported as typed, so the report shows the payload too.
            lines.append("\(field),First,Last,,,New")
        }
        let record = try console.run(lines.joined(separator: "\r\n") + "\r\n", client: client, csrf: csrf)
        #expect(record.counts[.created] == Self.payloads.count)
        #expect(record.counts[.ignored] == Self.payloads.count)
        // The directory holds each payload verbatim.
        let stored = try #require(console.repository.user(forKey: "user0@example.com"))
        #expect(stored.firstName == Self.payloads[0])
        #expect(stored.department == Self.payloads[0])

        for pageNumber in 1...2 {
            let users = try client.get("/enrollment/users?page=\(pageNumber)")
            Self.expectInert(users, payloads: Self.payloads, page: "users page \(pageNumber)")
        }
        let firstUsers = try client.get("/enrollment/users")
        #expect(firstUsers.text.contains(Self.escaped(Self.payloads[0])))
        for payload in Self.payloads {
            let search = try client.get("/enrollment/users?q=" + URLEncodedForm.encode(component: payload))
            Self.expectInert(search, payloads: [payload], page: "users search for \(payload)")
        }
        let reportPages = (Self.payloads.count * 2 + 49) / 50
        for pageNumber in 1...reportPages {
            for path in ["/enrollment/imports/\(record.id)", "/enrollment/imports/\(record.id)/results"] {
                let page = try client.get(path + "?page=\(pageNumber)")
                Self.expectInert(page, payloads: Self.payloads, page: "\(path) page \(pageNumber)")
            }
        }
        let ignored = try client.get("/enrollment/imports/\(record.id)?outcome=ignored")
        #expect(ignored.text.contains(Self.escaped(Self.payloads[0])))
    }

    @Test func payloadsAsUploadedFileNamesAreShownAsText() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let file = "Email ID,First Name,Last Name,User Status\nann@example.com,Ann,Lee,New\n"
        var ids: [Int64] = []
        for payload in Self.payloads {
            // Half are refused for their extension, so both the completed and the rejected wording are shown.
            let name = ids.count.isMultiple(of: 2) ? payload + ".csv" : payload
            let response = try console.upload(
                Array(file.utf8), named: name, to: .userImport, client: client, csrf: csrf)
            if payload.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                // A control character in a part header is not a valid field value (RFC 9110 §5.5): refused whole.
                #expect(response.status == 400, "\(payload)")
                #expect(TestConsole.inlineScripts(in: response.text).isEmpty)
                #expect(!response.text.contains(payload))
                continue
            }
            #expect(response.status == 303, "\(payload)")
            console.waitForJobs()
            let record = try #require(console.repository.latestOperation(kind: .userImport))
            ids.append(record.id)
            let page = try client.get("/enrollment/import")
            Self.expectInert(page, payloads: [payload], page: "import page after \(payload)")
            let status = try client.get("/enrollment/imports/\(record.id)/status")
            #expect(TestConsole.inlineScripts(in: status.text).isEmpty)
            #expect(!status.text.contains(payload) || !Self.isDangerous(payload))
            #expect(status.header("Content-Security-Policy") != nil)
        }
        for id in ids {
            for path in ["/enrollment/imports/\(id)", "/enrollment/imports/\(id)/results"] {
                Self.expectInert(try client.get(path), payloads: Self.payloads, page: path)
            }
            let download = try client.get("/enrollment/imports/\(id)/file")
            #expect(download.status == 200)
            let disposition = try #require(download.header("Content-Disposition"))
            #expect(disposition.hasPrefix("attachment; filename=\""))
            #expect(disposition.filter { $0 == "\"" }.count == 2)
        }
        let historyPages = (Self.payloads.count + 19) / 20
        for pageNumber in 1...historyPages {
            let history = try client.get("/enrollment/import/history?page=\(pageNumber)")
            Self.expectInert(history, payloads: Self.payloads, page: "history page \(pageNumber)")
        }
    }

    @Test(arguments: ["users.csv\r\nSet-Cookie: injected=1", "users\".csv", "C:\\fakepath\\users.csv"])
    func hostileFileNamesCannotBreakTheDownloadHeader(name: String) throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let record = try console.run(
            "Email ID,First Name,Last Name,User Status\nann@example.com,Ann,Lee,New\n", named: name,
            client: client, csrf: csrf)
        let download = try client.get("/enrollment/imports/\(record.id)/file")
        #expect(download.status == 200)
        #expect(download.headers(named: "Set-Cookie").isEmpty)
        let disposition = try #require(download.header("Content-Disposition"))
        #expect(disposition.filter { $0 == "\"" }.count == 2)
        #expect(!disposition.contains("\r") && !disposition.contains("\n"))
    }
}
