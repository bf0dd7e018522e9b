import Foundation
import Testing

@testable import Mail

/// The transport against a real SMTP server (aiosmtpd) on loopback.
@Suite(.enabled(if: SMTPTestServer.shouldRun, SMTPTestServer.skipMessage))
struct SMTPConnectionTests {
    private func envelope(_ message: MailMessage) throws -> SMTPEnvelope {
        try SMTPEnvelope(sender: "bounce@example.com", recipients: [message.to.address], content: message.rendered())
    }

    private func relay(_ server: SMTPTestServer) -> SMTPRelay {
        SMTPRelay(host: "127.0.0.1", port: server.port, sender: "bounce@example.com", clientName: "console.test")
    }

    @Test func deliversSeveralMessagesIntactOverOneConnection() throws {
        let folder = try TemporaryFolder()
        let server = try SMTPTestServer(folder: folder.path + "/received")
        let messages = [MailMessage.make(), MailMessage.make(to: "bob@example.com", name: "Bob", id: "b@x")]
        var results: [Int: SMTPDeliveryResult] = [:]
        SMTPConnection.deliver(try messages.map(envelope), to: relay(server)) { results[$0] = $1 }
        #expect(results.count == 2)
        #expect(results.values.allSatisfy { if case .accepted = $0 { true } else { false } })
        let received = try server.received()
        try #require(received.count == 2)
        // Byte for byte what we composed, once the server has undone the dot-stuffing.
        #expect(received.map(\.content) == messages.map { $0.rendered() })
        #expect(received[0].content.split(separator: 10).contains { $0.first == UInt8(ascii: ".") })
        #expect(received.map(\.recipients) == [["ann@example.com"], ["bob@example.com"]])
        #expect(received.allSatisfy { $0.sender == "bounce@example.com" })
        #expect(received[0].peer == received[1].peer)
    }

    @Test func fallsBackToHELO() throws {
        let folder = try TemporaryFolder()
        let server = try SMTPTestServer(folder: folder.path + "/received", isEHLORefused: true)
        var results: [Int: SMTPDeliveryResult] = [:]
        SMTPConnection.deliver([try envelope(.make())], to: relay(server)) { results[$0] = $1 }
        #expect(try server.received().count == 1)
        #expect(results[0] != nil)
    }

    @Test func reportsTheServersReplies() throws {
        let folder = try TemporaryFolder()
        let server = try SMTPTestServer(
            folder: folder.path + "/received", replies: ["451 4.3.0 Try later", "550 5.7.1 No"])
        var results: [Int: SMTPDeliveryResult] = [:]
        let envelopes = try [MailMessage.make(), .make(), .make()].map(envelope)
        SMTPConnection.deliver(envelopes, to: relay(server)) { results[$0] = $1 }
        #expect(results[0] == .temporaryFailure(reason: "451 4.3.0 Try later"))
        #expect(results[1] == .permanentFailure(reason: "550 5.7.1 No"))
        #expect(results[2] == .accepted(reply: "250 OK queued"))
    }

    @Test func refusedConnectionFailsEveryMessageTemporarily() throws {
        let port = try closedLoopbackPort()
        var results: [Int: SMTPDeliveryResult] = [:]
        let relay = SMTPRelay(host: "127.0.0.1", port: port, sender: "bounce@example.com")
        SMTPConnection.deliver(try [MailMessage.make(), .make()].map(envelope), to: relay) { results[$0] = $1 }
        #expect(results.count == 2)
        guard case .temporaryFailure(let reason) = results[0] else {
            Issue.record("expected a temporary failure, got \(String(describing: results[0]))")
            return
        }
        #expect(reason.contains("cannot connect"))
    }

    @Test func silentServerTimesOut() throws {
        // A listening socket that never answers: the connection is accepted by the kernel, the greeting never comes.
        let (fd, port) = try boundLoopbackSocket()
        defer { close(fd) }
        try #require(listen(fd, 4) == 0)
        let timeouts = SMTPTimeouts(connect: .seconds(2), command: .milliseconds(200))
        let relay = SMTPRelay(host: "127.0.0.1", port: port, sender: "bounce@example.com", timeouts: timeouts)
        var results: [Int: SMTPDeliveryResult] = [:]
        SMTPConnection.deliver([try envelope(.make())], to: relay) { results[$0] = $1 }
        #expect(results[0] == .temporaryFailure(reason: "SMTP read timed out"))
    }
}
