import Foundation
import Testing

@testable import Mail

/// Delivery of the outbox folder through a real SMTP server (aiosmtpd) on loopback, with an injected clock.
@Suite(.enabled(if: SMTPTestServer.shouldRun, SMTPTestServer.skipMessage))
struct OutboxDeliveryTests {
    private let now: Int64 = 1_795_283_887_000
    private let schedule = RetrySchedule(initialDelay: 60_000, maximumDelay: 600_000, maximumAttempts: 3)

    private func delivery(_ outbox: String, port: Int) throws -> OutboxDelivery {
        let relay = SMTPRelay(host: "127.0.0.1", port: port, sender: "bounce@example.com", clientName: "console.test")
        return try OutboxDelivery(directory: outbox, relay: relay, schedule: schedule)
    }

    private func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func sendsQueuedMessagesOnceAndIgnoresTemporaries() throws {
        let folder = try TemporaryFolder()
        let outbox = folder.path + "/outbox"
        let server = try SMTPTestServer(folder: folder.path + "/received")
        let delivery = try delivery(outbox, port: server.port)
        let first = try MailMessage.make().write(to: outbox, name: "op-000001-row-0000001-invitation.eml")
        let second = try MailMessage.make(to: "bob@example.com", id: "b@x").write(
            to: outbox, name: "op-000001-row-0000002-invitation.eml")
        try MailMessage.make().write(to: outbox, name: ".op-000001-row-0000003-invitation.eml.tmp")

        let report = delivery.deliverDue(now: now)
        #expect(report.sent == ["op-000001-row-0000001-invitation.eml", "op-000001-row-0000002-invitation.eml"])
        #expect(try server.received().map(\.content) == [first, second])
        #expect(Set(try server.received().map(\.peer)).count == 1)
        #expect(names(outbox + "/sent") == report.sent)

        // A restart (a new value on the same folder) sends nothing again, and neither does a re-written copy.
        try MailMessage.make().write(to: outbox, name: "op-000001-row-0000001-invitation.eml")
        let again = try self.delivery(outbox, port: server.port).deliverDue(now: now + 1000)
        #expect(again.sent.isEmpty && again.duplicates == ["op-000001-row-0000001-invitation.eml"])
        #expect(try server.received().count == 2)
        #expect(delivery.queuedNames().isEmpty)
    }

    @Test func retriesATemporaryFailureAndDeliversExactlyOnce() throws {
        let folder = try TemporaryFolder()
        let outbox = folder.path + "/outbox"
        let server = try SMTPTestServer(folder: folder.path + "/received", replies: ["451 4.3.0 Try later"])
        let delivery = try delivery(outbox, port: server.port)
        let bytes = try MailMessage.make().write(to: outbox, name: "m.eml")

        #expect(delivery.deliverDue(now: now).deferred == ["m.eml"])
        let state = try #require(OutboxRetryState.read(at: outbox + "/retry/m.json"))
        #expect(state == OutboxRetryState(attempts: 1, nextAttempt: now + 60_000, lastError: "451 4.3.0 Try later"))
        #expect(delivery.deliverDue(now: now + 59_999).isEmpty)

        #expect(delivery.deliverDue(now: now + 60_000).sent == ["m.eml"])
        #expect(try server.received().map(\.content) == [bytes])
        #expect(names(outbox + "/sent") == ["m.eml"])
        #expect(names(outbox + "/retry").isEmpty)
        #expect(delivery.deliverDue(now: now + 600_000).isEmpty)
        #expect(try server.received().count == 1)
    }

    @Test func movesAPermanentFailureAsideWithTheReply() throws {
        let folder = try TemporaryFolder()
        let outbox = folder.path + "/outbox"
        let server = try SMTPTestServer(folder: folder.path + "/received", replies: ["550 5.1.1 No such user here"])
        let delivery = try delivery(outbox, port: server.port)
        try MailMessage.make().write(to: outbox, name: "m.eml")

        #expect(delivery.deliverDue(now: now).failed == ["m.eml"])
        #expect(names(outbox + "/failed") == ["m.eml", "m.reason"])
        let reason = try String(contentsOfFile: outbox + "/failed/m.reason", encoding: .utf8)
        #expect(reason == "550 5.1.1 No such user here\n")
        #expect(delivery.queuedNames().isEmpty)
        #expect(try server.received().isEmpty)
    }

    @Test func keepsMessagesQueuedWhileTheRelayIsDownThenGivesUp() throws {
        let folder = try TemporaryFolder()
        let outbox = folder.path + "/outbox"
        let delivery = try delivery(outbox, port: try closedLoopbackPort())
        try MailMessage.make().write(to: outbox, name: "m.eml")

        #expect(delivery.deliverDue(now: now).deferred == ["m.eml"])
        #expect(delivery.deliverDue(now: now + 60_000).deferred == ["m.eml"])
        let state = try #require(OutboxRetryState.read(at: outbox + "/retry/m.json"))
        #expect(state.attempts == 2 && state.nextAttempt == now + 60_000 + 120_000)
        #expect(state.lastError.contains("cannot connect"))
        #expect(delivery.queuedNames() == ["m.eml"])
        guard case .queued(2, now + 180_000, _)? = delivery.list().first?.state else {
            Issue.record("expected a queued entry with 2 attempts")
            return
        }

        #expect(delivery.deliverDue(now: now + 180_000).failed == ["m.eml"])
        let reason = try String(contentsOfFile: outbox + "/failed/m.reason", encoding: .utf8)
        #expect(reason.hasPrefix("gave up after 3 attempts"))
    }

    @Test func failsAMessageWithoutRecipientWithoutSendingIt() throws {
        let folder = try TemporaryFolder()
        let outbox = folder.path + "/outbox"
        let delivery = try delivery(outbox, port: try closedLoopbackPort())
        try Data("Subject: no recipient\r\n\r\nbody\r\n".utf8).write(to: URL(fileURLWithPath: outbox + "/x.eml"))
        #expect(delivery.deliverDue(now: now).failed == ["x.eml"])
    }

    @Test func withoutARelayNothingMoves() throws {
        let folder = try TemporaryFolder()
        let outbox = folder.path + "/outbox"
        let delivery = try OutboxDelivery(directory: outbox, relay: nil)
        try MailMessage.make().write(to: outbox, name: "m.eml")
        #expect(delivery.deliverDue(now: now).isEmpty)
        #expect(delivery.queuedNames() == ["m.eml"])
    }
}
