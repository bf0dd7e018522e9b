import Foundation

extension OutboxDelivery {
    /// A page of the outbox's messages in every state, newest first (by file time, then name), reading only the
    /// header sections of the `limit` messages returned.
    ///
    /// Safe while a delivery pass runs: a message that moves between folders during the call may be missing from
    /// the page or show its earlier state.
    public func list(offset: Int = 0, limit: Int = 50) -> [OutboxEntry] {
        precondition(offset >= 0 && limit >= 0)
        let located = locateAll().sorted { ($0.modified, $0.name) > ($1.modified, $1.name) }
        guard offset < located.count else { return [] }
        return located[offset..<min(located.count, offset + limit)].compactMap(entry)
    }

    /// How many messages are queued, sent and failed.
    public func counts() -> OutboxCounts {
        OutboxCounts(
            queued: Self.messageNames(in: directory).count, sent: Self.messageNames(in: sentFolder).count,
            failed: Self.messageNames(in: failedFolder).count)
    }

    private struct Located {
        var name: String
        var folder: String
        var modified: Int64
        var isSent: Bool
        var isFailed: Bool
    }

    private func locateAll() -> [Located] {
        var all: [Located] = []
        for (folder, isSent, isFailed) in [
            (directory, false, false), (sentFolder, true, false), (failedFolder, false, true),
        ] {
            for name in Self.messageNames(in: folder) {
                guard let modified = OutboxFiles.modified(folder + "/" + name) else { continue }
                all.append(Located(name: name, folder: folder, modified: modified, isSent: isSent, isFailed: isFailed))
            }
        }
        return all
    }

    /// The entry of `name` found in `folder` (one of the three state folders).
    func list(in folder: String, name: String) -> OutboxEntry? {
        let modified = OutboxFiles.modified(folder + "/" + name) ?? 0
        return entry(
            Located(
                name: name, folder: folder, modified: modified, isSent: folder == sentFolder,
                isFailed: folder == failedFolder))
    }

    private func entry(_ located: Located) -> OutboxEntry? {
        guard let headers = MailHeaders(contentsOfFile: located.folder + "/" + located.name) else { return nil }
        let state: OutboxEntry.State
        if located.isSent {
            state = .sent
        } else if located.isFailed {
            let reasonPath = failedFolder + "/" + located.name.dropLast(4) + ".reason"
            let reason = FileManager.default.contents(atPath: reasonPath).map { String(decoding: $0, as: UTF8.self) }
            state = .failed(reason: reason?.trimmingCharacters(in: "\n") ?? "")
        } else if let retry = OutboxRetryState.read(at: retryPath(located.name)) {
            state = .queued(attempts: retry.attempts, nextAttempt: retry.nextAttempt, lastError: retry.lastError)
        } else {
            state = .queued(attempts: 0, nextAttempt: nil, lastError: nil)
        }
        return OutboxEntry(
            fileName: located.name, recipient: headers.addresses("To").first,
            subject: MIMEEncoding.decodingEncodedWords(headers["Subject"] ?? ""),
            kind: headers["X-Enrollment-Kind"] ?? "",
            date: headers["Date"] ?? "", modified: located.modified, state: state)
    }
}
