import Enrollment
import Foundation

@testable import ConsoleApp

/// Shortcuts for end-to-end tests: upload a file through a page's form, look at the data folder, read corpora.
extension TestConsole {
    /// Which page an upload goes to.
    enum UploadPage: String {
        case userImport = "/enrollment/import"
        case bulkInvite = "/enrollment/invite"
    }

    /// Uploads `bytes` as `fileName` through the page's form, with the session's token and optional re-send.
    @discardableResult
    func upload(
        _ bytes: [UInt8], named fileName: String, to page: UploadPage, client: LoopbackHTTPClient, csrf: String,
        resend: Bool = false, headers: [(String, String)] = []
    ) throws -> HTTPClientResponse {
        var fields = [("_csrf", csrf)]
        if resend { fields.append(("resend", "on")) }
        return try client.postMultipart(
            page.rawValue, fields: fields,
            files: [(field: "file", fileName: fileName, contentType: "text/plain", bytes: bytes)], headers: headers)
    }

    /// Uploads `text` and waits for the job to finish; returns the new operation.
    func run(
        _ text: String, named fileName: String = "people.csv", to page: UploadPage = .userImport,
        client: LoopbackHTTPClient, csrf: String, resend: Bool = false
    ) throws -> OperationRecord {
        let response = try upload(
            Array(text.utf8), named: fileName, to: page, client: client, csrf: csrf, resend: resend)
        guard response.status == 303 else { throw OperationShortcutError.uploadFailed(response.status) }
        waitForJobs()
        let kind: OperationKind = page == .userImport ? .userImport : .bulkInvite
        guard let record = repository.latestOperation(kind: kind) else { throw OperationShortcutError.noOperation }
        return record
    }

    /// The console's repository, for asserting what changed.
    var repository: EnrollmentRepository { application.context.repository }

    /// How many imports and invites exist, of both kinds.
    var operationCount: Int {
        OperationKind.allCases.map { repository.operations(kind: $0, offset: 0, limit: 1).total }.reduce(0, +)
    }

    /// The file names in `<data>/outbox`, sorted.
    var outbox: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dataDirectory + "/outbox")) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted()
    }

    /// The recipients of the outbox's messages of `kind` (`invitation` or `activation`), lowercased and sorted.
    func outboxRecipients(kind: String) -> [String] {
        outbox.filter { $0.hasSuffix("-\(kind).eml") }.compactMap { name in
            guard let text = try? String(contentsOfFile: dataDirectory + "/outbox/" + name, encoding: .utf8),
                let line = text.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("To:") })
            else { return nil }
            let address = line.split(separator: "<").last.map { $0.prefix { $0 != ">" } } ?? ""
            return address.trimmingCharacters(in: .whitespaces).lowercased()
        }.sorted()
    }

    /// A file of the shared corpora, by its path under the shared folder.
    static func sharedText(_ relativePath: String) throws -> String {
        try String(contentsOfFile: sharedRoot + "/" + relativePath, encoding: .utf8)
    }

    /// Every `<script` tag of `html` that does not load a file from `/static/`.
    static func inlineScripts(in html: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<script", options: .caseInsensitive) {
            let tag = rest[start.lowerBound...].prefix { $0 != ">" }
            if !tag.contains("src=\"/static/") { found.append(String(tag)) }
            rest = rest[start.upperBound...]
        }
        return found
    }

    /// One CSV field, always quoted (RFC 4180).
    static func csvField(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Why an end-to-end shortcut could not do its work.
enum OperationShortcutError: Error {
    /// The upload was not answered with a redirect; the status it got.
    case uploadFailed(Int)
    /// No operation was recorded for the upload.
    case noOperation
}
