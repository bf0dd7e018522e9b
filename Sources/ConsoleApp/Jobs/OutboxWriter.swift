import CSystemShims
import Enrollment
import Foundation
import Mail
import Templating

/// Composes the emails a committed operation asked for and writes each as an `.eml` file in the outbox folder.
///
/// File names are derived from the operation, row and recipient (`op-000012-row-0000007-<hash>-invitation.eml`;
/// one line of a bulk-invite file may hold several addresses, so the row alone is not unique), so writing the
/// same intents twice (after a crash between commit and spooling) replaces files instead of duplicating mail.
/// Each file is written to a temporary name and renamed, so a reader never sees half a message.
struct OutboxWriter: Sendable {
    let directory: String
    let templates: TemplateLibrary
    let from: MailAddress
    /// Base URL of the console for links in emails, without a trailing slash.
    let baseURL: String

    init(directory: String, templates: TemplateLibrary, from: String, baseURL: String) throws {
        self.directory = directory
        self.templates = templates
        self.from = MailAddress(parsing: from)
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The outbox file name of an intent.
    static func fileName(for intent: MailIntent) -> String {
        func padded(_ n: Int64, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let row = "op-\(padded(intent.operationID, 6))-row-\(padded(Int64(intent.rowNumber), 7))"
        return "\(row)-\(recipientTag(intent.email))-\(intent.kind.rawValue).eml"
    }

    /// 16 hex digits naming the recipient (FNV-1a of the lowercased address): stable across runs, and safe in a
    /// file name whatever the address holds (a valid address may contain `/`).
    static func recipientTag(_ email: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in email.lowercased().utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The message for one intent.
    func message(for intent: MailIntent, now: Int64) throws -> MailMessage {
        let name = [intent.firstName, intent.lastName].filter { !$0.isEmpty }.joined(separator: " ")
        let context: TemplateValue = [
            "firstName": .string(intent.firstName.isEmpty ? "there" : intent.firstName),
            "lastName": .string(intent.lastName), "email": .string(intent.email),
            "link": .string(
                intent.kind == .invitation
                    ? "\(baseURL)/join?email=\(URLQuery.escape(intent.email))" : "\(baseURL)/"),
        ]
        let base = "mail/\(intent.kind.rawValue)"
        let subject =
            intent.kind == .invitation
            ? "You are invited to the Enrollment Console" : "Your Enrollment Console account is active"
        return MailMessage(
            from: from, to: MailAddress(name: name, address: intent.email), subject: subject,
            textBody: try templates.render("\(base).txt", context),
            htmlBody: try templates.render("\(base).html", context),
            date: now,
            messageID:
                "op\(intent.operationID).row\(intent.rowNumber).\(Self.recipientTag(intent.email))."
                + "\(intent.kind.rawValue)@enrollment-console",
            extraHeaders: [("X-Enrollment-Kind", intent.kind.rawValue)])
    }

    /// Makes every file written so far durable with one `syncfs` (cheaper than an fsync per message), before the
    /// repository is told the mail is spooled; a crash before that point writes the messages again.
    private func syncFolder() throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: directory]) }
        defer { close(fd) }
        guard csys_syncfs(fd) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: directory])
        }
    }

    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            offset += n
        }
    }

    /// Writes every intent, or stops early once `shouldContinue` says no (checked every 256 messages); returns
    /// how many intents were dealt with. Stopping early is safe: the caller does not mark the mail spooled, and
    /// names are stable, so the next pass writes the same files again. A message `isDelivered` names (sent or
    /// failed in an earlier pass) is not written again: it would be sent a second time.
    @discardableResult
    func write(
        _ intents: [MailIntent], now: Int64, shouldContinue: () -> Bool = { true },
        isDelivered: (String) -> Bool = { _ in false }
    ) throws -> Int {
        for (index, intent) in intents.enumerated() {
            if index % 256 == 255 && !shouldContinue() {
                try syncFolder()
                return index
            }
            let name = Self.fileName(for: intent)
            if isDelivered(name) { continue }
            let bytes = try message(for: intent, now: now).rendered()
            let temporary = "\(directory)/.\(name).tmp"
            let final = "\(directory)/\(name)"
            // A plain write, no fsync per message: `syncFolder()` makes the whole batch durable at once.
            try Self.writeFile(temporary, bytes)
            if rename(temporary, final) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final])
            }
        }
        try syncFolder()
        return intents.count
    }
}
