import Testing

@testable import Mail

struct SMTPClientStateMachineTests {
    /// What a scripted conversation produced.
    private struct Transcript {
        var sent: [String] = []
        var results: [Int: SMTPDeliveryResult] = [:]
        var waits: [SMTPReplyWait] = []
        var isClosed = false

        mutating func apply(_ actions: [SMTPClientStateMachine.Action]) {
            for action in actions {
                switch action {
                case .send(let bytes):
                    let text = String(decoding: bytes, as: UTF8.self)
                    sent.append(
                        text.hasSuffix("\r\n.\r\n") ? "<content>" : String(decoding: bytes.dropLast(2), as: UTF8.self))
                case .awaitReply(let wait): waits.append(wait)
                case .deliver(let index, let result):
                    #expect(results[index] == nil, "one result per envelope")
                    results[index] = result
                case .close: isClosed = true
                }
            }
        }
    }

    private func envelope(_ recipients: [String] = ["ann@example.com"]) throws -> SMTPEnvelope {
        try SMTPEnvelope(
            sender: "bounce@example.com", recipients: recipients, content: Array("Subject: x\r\n\r\n.\r\n".utf8))
    }

    /// Feeds `replies` one per awaited reply; `brokenAfter` simulates the connection failing after that many.
    private func run(_ envelopes: [SMTPEnvelope], _ replies: [String], brokenAfter: Int? = nil) -> Transcript {
        var machine = SMTPClientStateMachine(clientName: "console.test", envelopes: envelopes)
        var transcript = Transcript()
        transcript.apply(machine.start())
        for (count, reply) in replies.enumerated() {
            if count == brokenAfter { break }
            guard !machine.isFinished else { break }
            transcript.apply(machine.received(Array((reply + "\r\n").utf8)))
        }
        if !machine.isFinished { transcript.apply(machine.connectionFailed(reason: "connection lost")) }
        return transcript
    }

    private let ok = ["220 hi", "250-sink\r\n250-SIZE 1000\r\n250 HELP", "250 ok", "250 ok", "354 go", "250 queued"]

    @Test func sendsSeveralMessagesOnOneConnection() throws {
        let t = run(
            [try envelope(), try envelope(["bob@example.com"])],
            ok + ["250 ok", "250 ok", "354 go", "250 2nd", "221 bye"])
        #expect(
            t.sent == [
                "EHLO console.test", "MAIL FROM:<bounce@example.com>", "RCPT TO:<ann@example.com>", "DATA", "<content>",
                "MAIL FROM:<bounce@example.com>", "RCPT TO:<bob@example.com>", "DATA", "<content>", "QUIT",
            ])
        #expect(t.results == [0: .accepted(reply: "250 queued"), 1: .accepted(reply: "250 2nd")])
        #expect(t.isClosed)
        #expect(t.waits.filter { $0 == .dataTermination }.count == 2)
    }

    @Test func fallsBackToHELOWhenEHLOIsRefused() throws {
        let t = run(
            [try envelope()], ["220 hi", "502 5.5.1 no", "250 hello", "250 ok", "250 ok", "354 go", "250 ok", "221"])
        #expect(t.sent.prefix(3) == ["EHLO console.test", "HELO console.test", "MAIL FROM:<bounce@example.com>"])
        #expect(t.results == [0: .accepted(reply: "250 ok")])
    }

    @Test func refusedRecipientFailsPermanentlyThenResetsAndContinues() throws {
        let t = run(
            [try envelope(), try envelope()],
            [
                "220 hi", "250 hi", "250 ok", "550 5.1.1 no such user", "250 reset", "250 ok", "250 ok", "354",
                "250 ok", "221",
            ])
        #expect(t.results == [0: .permanentFailure(reason: "550 5.1.1 no such user"), 1: .accepted(reply: "250 ok")])
        #expect(t.sent[3] == "RSET")
        #expect(t.sent.last == "QUIT")
    }

    @Test func temporaryReplyToTheFinalDotMovesOnWithoutReset() throws {
        let t = run(
            [try envelope(), try envelope()],
            ok.dropLast() + ["451 4.3.0 later", "250 ok", "250 ok", "354", "250 ok", "221"])
        #expect(t.results == [0: .temporaryFailure(reason: "451 4.3.0 later"), 1: .accepted(reply: "250 ok")])
        #expect(!t.sent.contains("RSET"))
    }

    @Test func allRecipientsOrNone() throws {
        let t = run([try envelope(["a@x.y", "b@x.y"])], ["220", "250", "250", "250", "450 4.2.1 busy", "250", "221"])
        #expect(
            t.sent == [
                "EHLO console.test", "MAIL FROM:<bounce@example.com>", "RCPT TO:<a@x.y>", "RCPT TO:<b@x.y>", "RSET",
                "QUIT",
            ])
        #expect(t.results == [0: .temporaryFailure(reason: "450 4.2.1 busy")])
    }

    @Test func serviceClosingFailsTheRestWithoutQuit() throws {
        let t = run([try envelope(), try envelope()], ["220", "250", "421 4.3.2 shutting down"])
        #expect(
            t.results == [
                0: .temporaryFailure(reason: "421 4.3.2 shutting down"),
                1: .temporaryFailure(reason: "421 4.3.2 shutting down"),
            ])
        #expect(t.sent.last == "MAIL FROM:<bounce@example.com>")
        #expect(t.isClosed)
    }

    @Test(arguments: ["554 5.7.1 go away", "450 busy"])
    func refusedGreetingIsRetriedLater(greeting: String) throws {
        let t = run([try envelope()], [greeting, "221 bye"])
        #expect(t.results == [0: .temporaryFailure(reason: greeting)])
        #expect(t.sent == ["QUIT"])
    }

    @Test func lostConnectionAfterTheDotIsATemporaryFailure() throws {
        let t = run([try envelope(), try envelope()], ok, brokenAfter: 5)
        #expect(t.sent.last == "<content>")
        #expect(
            t.results == [
                0: .temporaryFailure(reason: "connection lost"), 1: .temporaryFailure(reason: "connection lost"),
            ])
        #expect(t.isClosed)
    }

    @Test func connectionClosedAfterQuitReportsNothingMore() throws {
        let t = run([try envelope()], ok)
        #expect(t.results == [0: .accepted(reply: "250 queued")])
        #expect(t.sent.last == "QUIT")
        #expect(t.isClosed)
    }

    @Test func malformedReplyEndsTheConversation() throws {
        let t = run([try envelope()], ["220 hi", "hello?"])
        guard case .temporaryFailure(let reason) = t.results[0] else {
            Issue.record("expected a temporary failure")
            return
        }
        #expect(reason.contains("malformed"))
        #expect(t.isClosed)
    }

    @Test func repliesArrivingTogetherAreHandledInOrder() throws {
        var machine = SMTPClientStateMachine(clientName: "c", envelopes: [try envelope()])
        var t = Transcript()
        t.apply(machine.start())
        t.apply(machine.received(Array("220 hi\r\n250 hi\r\n".utf8)))
        #expect(t.sent == ["EHLO c", "MAIL FROM:<bounce@example.com>"])
        for byte in "250 ok\r\n".utf8 { t.apply(machine.received([byte])) }
        #expect(t.sent.last == "RCPT TO:<ann@example.com>")
    }

    @Test func noEnvelopesGreetsAndQuits() {
        var machine = SMTPClientStateMachine(clientName: "c", envelopes: [])
        var t = Transcript()
        t.apply(machine.start())
        t.apply(machine.received(Array("220 hi\r\n250 hi\r\n221 bye\r\n".utf8)))
        #expect(t.sent == ["EHLO c", "QUIT"])
        #expect(t.isClosed && t.results.isEmpty)
    }
}
