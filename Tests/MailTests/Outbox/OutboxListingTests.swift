import Foundation
import Testing

@testable import Mail

struct OutboxListingTests {
    @Test func listsEveryStateNewestFirstFromHeadersOnly() throws {
        let folder = try TemporaryFolder()
        let outbox = folder.path + "/outbox"
        let delivery = try OutboxDelivery(directory: outbox, relay: nil)
        try MailMessage.make(name: "Zoë Ağça", subject: "Bienvenue, Zoë").write(to: outbox, name: "a.eml")
        try MailMessage.make(kind: "activation").write(to: outbox + "/sent", name: "b.eml")
        try MailMessage.make().write(to: outbox + "/failed", name: "c.eml")
        try Data("550 no\n".utf8).write(to: URL(fileURLWithPath: outbox + "/failed/c.reason"))
        for (name, seconds) in [("a.eml", 3), ("sent/b.eml", 2), ("failed/c.eml", 1)] {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: Double(1_000_000 + seconds))],
                ofItemAtPath: outbox + "/" + name)
        }

        let entries = delivery.list(offset: 0, limit: 10)
        #expect(entries.map(\.fileName) == ["a.eml", "b.eml", "c.eml"])
        #expect(entries[0].recipient == MailAddress(name: "Zoë Ağça", address: "ann@example.com"))
        #expect(entries[0].subject == "Bienvenue, Zoë")
        #expect(entries[0].state == .queued(attempts: 0, nextAttempt: nil, lastError: nil))
        #expect(entries[0].date == "Sat, 21 Nov 2026 17:58:07 +0000")
        #expect(entries[1].kind == "activation" && entries[1].state == .sent)
        #expect(entries[2].state == .failed(reason: "550 no"))
        #expect(delivery.list(offset: 1, limit: 1).map(\.fileName) == ["b.eml"])
        #expect(delivery.list(offset: 5, limit: 1).isEmpty)
        #expect(delivery.counts() == OutboxCounts(queued: 1, sent: 1, failed: 1))
    }
}
