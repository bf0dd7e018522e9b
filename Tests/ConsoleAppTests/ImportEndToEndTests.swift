import Enrollment
import Foundation
import Testing

@testable import ConsoleApp

/// The Import page through the real server over loopback: sign in, upload, status, report, history, CSV, mail.
struct ImportEndToEndTests {
    private static let header = "Email ID,First Name,Last Name,Alternate ID,Work Phone,Title,Department,User Status"

    /// The code blocks of a seed document, each line without the indentation of its list item.
    static func codeBlocks(inSeed prefix: String) throws -> [String] {
        let seeds = TestConsole.sharedRoot + "/seeds"
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: seeds).first { $0.hasPrefix(prefix) })
        let text = try String(contentsOfFile: seeds + "/" + name, encoding: .utf8)
        var blocks: [String] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "```" {
                if let lines = current { blocks.append(lines.joined(separator: "\n") + "\n") }
                current = current == nil ? [] : nil
            } else if current != nil {
                current?.append(trimmed)
            }
        }
        return blocks
    }

    /// Every row result of an operation, in row order.
    private static func results(_ console: TestConsole, _ id: Int64) throws -> [RowResult] {
        var all: [RowResult] = []
        try console.repository.forEachResult(operationID: id) { all.append($0) }
        return all
    }

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
        let id = try #require(console.repository.latestOperation(kind: .userImport)?.id)
        #expect(page.text.contains("<a href=\"/enrollment/imports/\(id)\">here</a>"))
        let report = try client.get("/enrollment/imports/\(id)")
        #expect(report.text.contains("Report On File Import"))
        #expect(report.text.contains("&lt;b&gt;Lee&lt;/b&gt;") || !report.text.contains("<b>Lee</b>"))
        #expect(report.text.contains("Ignored: invalid email format"))
        #expect(console.outboxRecipients(kind: "invitation") == ["ann@example.com"])
    }

    @Test func seedSampleFilesImportAsPrinted() throws {
        let blocks = try Self.codeBlocks(inSeed: "000_")
        try #require(blocks.count == 2)
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()

        let first = try console.run(blocks[0], named: "Kore.aiImport.txt", client: client, csrf: csrf)
        #expect(first.state == .completed)
        #expect(first.counts[.created] == 3)
        #expect(console.outboxRecipients(kind: "invitation") == (1...3).map { "kore.aiuser\($0)@kore.com" })
        let user1 = try #require(console.repository.user(forKey: "kore.aiuser1@kore.com"))
        #expect(user1.email == "Kore.aiUser1@kore.com")
        #expect(user1.workPhone == "800-555-1212" && user1.title == "President" && user1.department == "Executive")

        // The second sample repeats the users (now existing) and its last row has 7 fields.
        let second = try console.run(blocks[1], named: "Kore.aiImport.csv", client: client, csrf: csrf)
        let rows = try Self.results(console, second.id)
        #expect(rows.count == 3)
        #expect(rows.prefix(2).allSatisfy { $0.outcome == .skipped && $0.reason == "Skipped: user already exists" })
        #expect(rows.last?.outcome == .failed)
        #expect(rows.last?.reason == "expected 8 fields, found 7")
        #expect(console.outbox.count == 3)
        #expect(console.repository.user(forKey: "kore.aiuser1@kore.com")?.alternateID == "")
        let report = try client.get("/enrollment/imports/\(second.id)")
        #expect(report.text.contains("expected 8 fields, found 7"))

        // Seed 001's sample: spaces after the commas are trimmed.
        let later = try #require(try Self.codeBlocks(inSeed: "001_").first)
        let third = try console.run(later, named: "sample.txt", client: client, csrf: csrf)
        #expect(third.counts[.created] == 2)
        let jane = try #require(console.repository.user(forKey: "jane.doe@example.com"))
        #expect(jane.firstName == "Jane" && jane.title == "VicePresident" && jane.workPhone == "800-555-5555")
    }

    @Test func everyStatusAgainstExistingAndMissingUsers() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let setup = try console.run(
            """
            \(Self.header)
            kept@example.com,Kept,User,K-1,,Engineer,Research,New
            edited@example.com,Edit,Me,,,Analyst,Finance,New
            active@example.com,Act,Ive,,,,,New
            active@example.com,,,,,,,Activate

            """, client: client, csrf: csrf)
        #expect(setup.counts[.created] == 3 && setup.counts[.activated] == 1)
        #expect(console.outboxRecipients(kind: "activation") == ["active@example.com"])

        let run = try console.run(
            """
            \(Self.header)
            kept@example.com,Other,Name,,,,,New
            fresh@example.com,Fresh,Person,,,,,new
            edited@example.com,,,,,CTO,,Update
            missing@example.com,A,B,,,,,Update
            missing@example.com,A,B,,,,,Delete
            active@example.com,,,,,,,Activate
            missing@example.com,,,,,,,Activate
            EDITED@example.com,,,,,,,ACTIVATE
            kept@example.com,,,,,,,Delete
            KEPT@example.com,Kept,Again,,,,,New
            not-an-email,A,B,,,,,New
            nameless@example.com,,,,,,,New
            odd@example.com,A,B,,,,,Promote

            """, client: client, csrf: csrf)
        let rows = try Self.results(console, run.id)
        let expected: [(RowOutcome, String)] = [
            (.skipped, "Skipped: user already exists"), (.created, ""), (.updated, ""),
            (.failed, "Failed: no such user"), (.failed, "Failed: no such user"), (.skipped, "Skipped: already active"),
            (.failed, "Failed: no such user"), (.activated, ""), (.deleted, ""), (.created, ""),
            (.ignored, "Ignored: invalid email format"), (.failed, "Failed: First Name and Last Name are required"),
            (.failed, "Failed: unknown User Status \"Promote\""),
        ]
        try #require(rows.count == expected.count)
        for (row, (outcome, reason)) in zip(rows, expected) {
            #expect(row.outcome == outcome, "row \(row.rowNumber) \(row.email)")
            if !reason.isEmpty { #expect(row.reason == reason, "row \(row.rowNumber)") }
        }
        let edited = try #require(console.repository.user(forKey: "edited@example.com"))
        #expect(edited.title == "CTO" && edited.department == "Finance" && edited.firstName == "Edit")
        #expect(edited.state == .active)
        let kept = try #require(console.repository.user(forKey: "kept@example.com"))
        #expect(kept.lastName == "Again" && kept.state == .invited && kept.alternateID == "")
        #expect(console.repository.user(forKey: "missing@example.com") == nil)
        #expect(console.repository.user(forKey: "fresh@example.com")?.state == .invited)
        // One invitation per created user (kept@ twice: created, deleted, created again); none for skipped rows.
        #expect(
            console.outboxRecipients(kind: "invitation") == [
                "active@example.com", "edited@example.com", "fresh@example.com", "kept@example.com",
                "kept@example.com",
            ])
        #expect(console.outboxRecipients(kind: "activation") == ["active@example.com", "edited@example.com"])
        let users = try client.get("/enrollment/users?q=kept")
        #expect(users.text.contains("Again"))
        #expect(!users.text.contains("Other"))
    }

    /// A refused file, the reason its status line and history give, and a name for the arguments' display.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let fileName: String
        let bytes: [UInt8]
        let reason: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "empty", fileName: "empty.csv", bytes: [], reason: "The file is empty."),
        Refusal(
            name: "missing column", fileName: "people.csv",
            bytes: Array("Email ID,First Name,Last Name\nann@example.com,Ann,Lee\n".utf8),
            reason: "Required column missing: User Status."),
        Refusal(
            name: "not text", fileName: "people.csv",
            bytes: Array("Email ID,First Name,Last Name,User Status\nann@example.com,A\u{0}nn,Lee,New\n".utf8),
            reason: "The file is not text"),
        Refusal(
            name: "xlsx", fileName: "people.xlsx",
            bytes: Array("Email ID,First Name,Last Name,User Status\nann@example.com,Ann,Lee,New\n".utf8),
            reason: "The file must be a .txt or .csv file (this file is .xlsx)."),
    ]

    @Test(arguments: refusals)
    func refusedFileShowsItsReasonAndAppliesNothing(refusal: Refusal) throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let record = try console.run(
            String(decoding: refusal.bytes, as: UTF8.self), named: refusal.fileName, client: client, csrf: csrf)
        #expect(record.state == .rejected)
        #expect(record.reason.hasPrefix(refusal.reason))
        let page = try client.get("/enrollment/import")
        #expect(page.text.contains("was refused: \(refusal.reason)"))
        #expect(page.text.contains("<a href=\"/enrollment/imports/\(record.id)\">here</a>"))
        let history = try client.get("/enrollment/import/history")
        #expect(history.text.contains(refusal.fileName))
        #expect(history.text.contains(">Rejected<"))
        let report = try client.get("/enrollment/imports/\(record.id)")
        #expect(report.text.contains(refusal.reason))
        #expect(console.repository.userCount == 0)
        #expect(console.outbox.isEmpty)
    }

    @Test func reportFiltersByOutcomeAndPagesFiftyRowsAtATime() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        var lines = [Self.header]
        for n in 1...120 { lines.append("user\(n)@example.com,First\(n),Last\(n),,,,,New") }
        for n in 1...5 { lines.append("broken\(n),A,B,,,,,New") }
        let record = try console.run(lines.joined(separator: "\n"), client: client, csrf: csrf)
        #expect(record.counts[.created] == 120 && record.counts[.ignored] == 5)
        func rowCount(_ html: String) -> Int { html.components(separatedBy: "<tr><td>").count - 1 }

        let all = try client.get("/enrollment/imports/\(record.id)")
        #expect(all.text.contains("Page 1 of 3"))
        #expect(rowCount(all.text) == 50)
        #expect(all.text.contains("Created (120)") && all.text.contains("Ignored (5)"))
        let created = (1...3).map { try? client.get("/enrollment/imports/\(record.id)?outcome=created&page=\($0)") }
        #expect(created.map { rowCount($0?.text ?? "") } == [50, 50, 20])
        #expect(created[2]?.text.contains("Page 3 of 3") == true)
        #expect(created[2]?.text.contains("user120@example.com") == true)
        #expect(created[0]?.text.contains("broken1") == false)
        let ignored = try client.get("/enrollment/imports/\(record.id)?outcome=ignored")
        #expect(rowCount(ignored.text) == 5)
        #expect(!ignored.text.contains("user1@example.com"))
        let results = try client.get("/enrollment/imports/\(record.id)/results?outcome=ignored")
        #expect(results.text.contains("File Based Import Results"))
        #expect(rowCount(results.text) == 5)
        // A page past the end, or nonsense, still answers.
        #expect(try client.get("/enrollment/imports/\(record.id)?page=99").status == 200)
        #expect(try client.get("/enrollment/imports/\(record.id)?page=-1&outcome=nonsense").status == 200)
        #expect(try client.get("/enrollment/imports/999999").status == 404)
    }

    @Test func csvDownloadIsAnAttachmentWithTheRightRowsAndNoFormulas() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let corpus = try TestConsole.sharedText("corpora/payloads/csv-injection-payloads.jsonl")
        let payloads = try corpus.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(object?["payload"] as? String)
        }.filter { !$0.contains("\u{0}") }  // a NUL makes the whole file "not text"
        #expect(payloads.count >= 30)
        var lines = [Self.header]
        for (n, payload) in payloads.enumerated() {
            let field = TestConsole.csvField(payload)
            lines.append("\(field),First,Last,,,,,New")
            lines.append("p\(n)@example.com,\(field),\(field),,\(field),\(field),\(field),\(field)")
        }
        let record = try console.run(lines.joined(separator: "\r\n") + "\r\n", client: client, csrf: csrf)

        let download = try client.get("/enrollment/imports/\(record.id)/results.csv")
        #expect(download.status == 200)
        #expect(download.header("Content-Type")?.hasPrefix("text/csv") == true)
        let disposition = try #require(download.header("Content-Disposition"))
        #expect(disposition.hasPrefix("attachment;"))
        #expect(disposition.contains("import-\(record.id)-results.csv"))
        let rows = CSVTestReader.rows(download.text)
        #expect(rows.first == ["Row", "Email ID", "Requested", "Outcome", "Reason"])
        #expect(rows.count == 1 + payloads.count * 2)
        for cell in rows.flatMap({ $0 }) {
            let first = cell.unicodeScalars.first
            #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "cell \(cell.debugDescription)")
        }
        let emails = Set(rows.dropFirst().map { $0[1] })
        for payload in payloads {
            let trimmed = payload.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            #expect(emails.contains(trimmed) || emails.contains("'" + trimmed), "\(payload.debugDescription)")
        }

        let ignoredOnly = try client.get("/enrollment/imports/\(record.id)/results.csv?outcome=ignored")
        let ignoredRows = CSVTestReader.rows(ignoredOnly.text).dropFirst()
        #expect(!ignoredRows.isEmpty)
        #expect(ignoredRows.allSatisfy { $0[3] == "Ignored" })
        #expect(ignoredOnly.header("Content-Disposition")?.contains("results-ignored.csv") == true)
    }

    @Test func historyListsNewestFirstWithTheUploaderAndResultsLinks() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        var ids: [Int64] = []
        for name in ["first.csv", "second.csv", "third.csv"] {
            let record = try console.run(
                "Email ID,First Name,Last Name,User Status\n\(name)@example.com,A,B,New\n", named: name,
                client: client, csrf: csrf)
            ids.append(record.id)
        }
        let history = try client.get("/enrollment/import/history")
        #expect(history.text.contains("File Based Import History"))
        #expect(history.text.contains("Uploaded by"))
        #expect(history.text.components(separatedBy: "<td>\(TestConsole.adminEmail)</td>").count - 1 == 3)
        let positions = try ["third.csv", "second.csv", "first.csv"].map { name in
            try #require(history.text.range(of: "<td>\(name)</td>")).lowerBound
        }
        #expect(positions == positions.sorted())
        for id in ids {
            let link = "/enrollment/imports/\(id)/results"
            #expect(history.text.contains("<a href=\"\(link)\">Results</a>"))
            let results = try client.get(link)
            #expect(results.status == 200)
            #expect(results.text.contains("File Based Import Results"))
            #expect(results.text.contains("Back to File Based Import History"))
        }
        #expect(try client.get("/enrollment/import/import-sample.csv").status == 200)
    }
}
