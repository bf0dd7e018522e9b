import Testing

@testable import HTTPServer

struct ConnectionStateMachineTests {
    static let timeouts = ConnectionStateMachine.Timeouts(
        headerRead: .seconds(10), idle: .seconds(60), bodyRead: .seconds(30))

    /// A machine whose clock starts at 0 s.
    static func make() -> ConnectionStateMachine { ConnectionStateMachine(timeouts: timeouts, now: .zero) }

    @Test func idleConnectionClosesAfterIdleTimeout() {
        var machine = Self.make()
        #expect(machine.tick(now: .seconds(59)) == .none)
        #expect(machine.tick(now: .seconds(60)) == .close)
        #expect(machine.phase == .closed)
    }

    @Test func headerTimeoutStartsAtFirstByteAndIsNotExtended() {
        var machine = Self.make()
        machine.bytesReceived(now: .seconds(5))
        #expect(machine.phase == .readingHead)
        machine.bytesReceived(now: .seconds(14))  // a slow client trickling bytes
        #expect(machine.tick(now: .seconds(14)) == .none)
        #expect(machine.tick(now: .seconds(15)) == .respondTimeoutAndClose)
        #expect(!machine.isKeepAlive)
    }

    @Test func bodyTimeoutIsInactivity() {
        var machine = Self.make()
        machine.bytesReceived(now: .zero)
        machine.headReceived(isKeepAlive: true, expectsBody: true, now: .seconds(1))
        #expect(machine.phase == .readingBody)
        machine.bytesReceived(now: .seconds(30))
        #expect(machine.tick(now: .seconds(59)) == .none)
        #expect(machine.tick(now: .seconds(60)) == .respondTimeoutAndClose)
    }

    @Test func noTimeoutWhileTheApplicationWorks() {
        var machine = Self.make()
        machine.bytesReceived(now: .zero)
        machine.headReceived(isKeepAlive: true, expectsBody: false, now: .zero)
        #expect(machine.phase == .awaitingResponse)
        #expect(!machine.wantsInput)
        #expect(machine.tick(now: .seconds(3600)) == .none)
    }

    @Test func keepAliveReturnsToIdleAfterResponse() {
        var machine = Self.make()
        machine.bytesReceived(now: .zero)
        machine.headReceived(isKeepAlive: true, expectsBody: false, now: .zero)
        #expect(machine.responseQueued(closeRequested: false, outputPending: true, now: .seconds(1)) == .none)
        #expect(machine.phase == .idle)
        #expect(machine.wantsInput)
        #expect(machine.outputDrained(now: .seconds(2)) == .none)
        #expect(machine.deadline == .seconds(62))
    }

    @Test func closeAfterResponseWhenTheClientAsks() {
        var machine = Self.make()
        machine.bytesReceived(now: .zero)
        machine.headReceived(isKeepAlive: false, expectsBody: false, now: .zero)
        #expect(machine.responseQueued(closeRequested: false, outputPending: true, now: .zero) == .none)
        #expect(machine.phase == .closing)
        #expect(!machine.wantsInput)
        #expect(machine.outputDrained(now: .zero) == .close)
    }

    @Test func closeAtOnceWhenNothingIsLeftToWrite() {
        var machine = Self.make()
        machine.headReceived(isKeepAlive: true, expectsBody: false, now: .zero)
        #expect(machine.responseQueued(closeRequested: true, outputPending: false, now: .zero) == .close)
    }

    @Test func failedRequestLingersAfterItsResponseThenCloses() {
        var machine = Self.make()
        machine.headReceived(isKeepAlive: true, expectsBody: true, now: .zero)
        machine.mustCloseAfterResponse()
        #expect(machine.responseQueued(closeRequested: false, outputPending: true, now: .zero) == .none)
        #expect(machine.phase == .closing)
        #expect(machine.outputDrained(now: .seconds(1)) == .shutDownOutputAndDrain)
        #expect(machine.phase == .lingering)
        #expect(!machine.wantsInput)
        #expect(machine.tick(now: .seconds(2)) == .none)
        #expect(machine.tick(now: .seconds(3)) == .close)
    }

    @Test func lingeringEndsWhenTheClientCloses() {
        var machine = Self.make()
        machine.headReceived(isKeepAlive: true, expectsBody: true, now: .zero)
        machine.mustCloseAfterResponse()
        _ = machine.responseQueued(closeRequested: false, outputPending: true, now: .zero)
        _ = machine.outputDrained(now: .zero)
        #expect(machine.peerClosed() == .close)
    }

    @Test func clientRequestedCloseDoesNotLinger() {
        var machine = Self.make()
        machine.headReceived(isKeepAlive: false, expectsBody: false, now: .zero)
        _ = machine.responseQueued(closeRequested: false, outputPending: true, now: .zero)
        #expect(machine.outputDrained(now: .zero) == .close)
    }

    @Test func stuckReaderIsClosedAfterIdleTimeoutWithoutProgress() {
        var machine = Self.make()
        machine.headReceived(isKeepAlive: true, expectsBody: false, now: .zero)
        _ = machine.responseQueued(closeRequested: false, outputPending: true, now: .zero)
        machine.outputProgressed(now: .seconds(50))
        #expect(machine.tick(now: .seconds(100)) == .none)
        #expect(machine.tick(now: .seconds(110)) == .close)
    }

    @Test func halfClosedClientStillGetsItsAnswer() {
        var machine = Self.make()
        machine.headReceived(isKeepAlive: true, expectsBody: false, now: .zero)
        #expect(machine.peerClosed() == .none)
        #expect(!machine.isKeepAlive)
        #expect(machine.responseQueued(closeRequested: false, outputPending: true, now: .zero) == .none)
        #expect(machine.outputDrained(now: .zero) == .close)
    }

    @Test func peerClosingAnIdleConnectionCloses() {
        var machine = Self.make()
        #expect(machine.peerClosed() == .close)
    }

    @Test func shutdownClosesIdleAndFinishesInFlight() {
        var idle = Self.make()
        #expect(idle.beginShutdown(outputPending: false) == .close)
        var writing = Self.make()
        #expect(writing.beginShutdown(outputPending: true) == .none)
        #expect(writing.outputDrained(now: .zero) == .close)
        var busy = Self.make()
        busy.headReceived(isKeepAlive: true, expectsBody: false, now: .zero)
        #expect(busy.beginShutdown(outputPending: false) == .none)
        #expect(busy.responseQueued(closeRequested: false, outputPending: true, now: .zero) == .none)
        #expect(busy.phase == .closing)
    }

    @Test func requestsDuringShutdownAreNotKeptAlive() {
        var machine = Self.make()
        machine.bytesReceived(now: .zero)
        _ = machine.beginShutdown(outputPending: false)
        machine.headReceived(isKeepAlive: true, expectsBody: false, now: .zero)
        #expect(!machine.isKeepAlive)
    }
}
