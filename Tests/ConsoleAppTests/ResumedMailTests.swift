import Enrollment
import Foundation
import Testing

@testable import ConsoleApp

/// Mail left pending by a stop during spooling is written at the next start, except messages the outbox already
/// sent or failed: writing those again would send them twice.
@Suite(.serialized)
struct ResumedMailTests {
    static let users = [("ann@example.com", "Ann"), ("bo@example.com", "Bo"), ("cy@example.com", "Cy")]

    /// A data folder with one committed import whose three invitations are pending, and the intents.
    private func folderWithPendingMail() throws -> (folder: String, intents: [MailIntent]) {
        let folder = NSTemporaryDirectory() + "resumed-mail-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/spool", withIntermediateDirectories: true)
        let spool = folder + "/spool/upload"
        #expect(FileManager.default.createFile(atPath: spool, contents: Data("Email ID\r\n".utf8)))
        let repository = try EnrollmentRepository.open(dataDirectory: folder, now: { 1_000 }, log: { _ in })
        let record = try repository.createOperation(
            kind: .userImport, fileName: "people.csv", uploadedBy: TestConsole.adminEmail, uploadedFile: spool,
            resendInvitations: false)
        let run = try repository.beginRun(operationID: record.id)
        var intents: [MailIntent] = []
        for (index, (email, name)) in Self.users.enumerated() {
            run.put(User(email: email, firstName: name, lastName: "Lee", createdAt: 1_000, updatedAt: 1_000))
            try run.record(RowResult(rowNumber: index + 2, email: email, action: .new, outcome: .created))
            let intent = MailIntent(
                kind: .invitation, email: email, firstName: name, lastName: "Lee", operationID: record.id,
                rowNumber: index + 2)
            run.queueMail(intent)
            intents.append(intent)
        }
        try run.commit()
        repository.close()
        return (folder, intents)
    }

    @Test func messagesSentBeforeTheStopAreNotWrittenAgain() throws {
        let (folder, intents) = try folderWithPendingMail()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The first pass had written the first two messages, and the sender had sent one and given up on one.
        let outbox = folder + "/outbox"
        let sent = OutboxWriter.fileName(for: intents[0])
        let failed = OutboxWriter.fileName(for: intents[1])
        for (subfolder, name) in [("sent", sent), ("failed", failed)] {
            try FileManager.default.createDirectory(atPath: "\(outbox)/\(subfolder)", withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: "\(outbox)/\(subfolder)/\(name)", contents: Data("x".utf8)))
        }

        let console = try TestConsole { $0.dataDirectory = folder }
        defer { console.stop() }
        console.waitForJobs()

        let queued = try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }
        #expect(queued == [OutboxWriter.fileName(for: intents[2])], "only the message never written is queued")
        #expect(FileManager.default.fileExists(atPath: "\(outbox)/sent/\(sent)"))
        #expect(console.application.context.repository.queuedMail().isEmpty, "the mail is marked spooled")
    }
}
