import CSystemShims
import HTTPWire

#if canImport(Glibc)
    import Glibc
#endif

extension EventLoop {
    /// The loop thread's body: wait, dispatch readiness, run completions, check deadlines; until drained.
    func run() {
        threadID.store(UInt(pthread_self()), ordering: .relaxed)
        let capacity = 256
        var tokens = [UInt64](repeating: 0, count: capacity)
        var events = [UInt32](repeating: 0, count: capacity)
        let tick = configuration.tickInterval
        now = MonotonicClock.now()
        epochSeconds = MonotonicClock.epochSeconds()
        var nextTick = now + tick
        while true {
            let timeout = runnable.isEmpty && inline.isEmpty ? max(0, (nextTick - now).millisecondsRoundedUp) : 0
            let count = csys_epoll_wait(epoll, &tokens, &events, Int32(capacity), Int32(timeout))
            now = MonotonicClock.now()
            epochSeconds = MonotonicClock.epochSeconds()
            for index in 0..<max(0, Int(count)) {
                handle(token: tokens[index], events: events[index])
            }
            runInline()
            runRunnable()
            if now >= nextTick {
                checkDeadlines()
                nextTick = now + tick
            }
            if let drainDeadline, openConnections == 0 || now >= drainDeadline {
                closeAll()
                break
            }
        }
        close(epoll)
        exited.signal()
    }

    private func handle(token: UInt64, events: UInt32) {
        switch token {
        case Self.listenerToken:
            acceptConnections()
        case Self.wakeToken:
            var value: UInt64 = 0
            _ = Glibc.read(wake, &value, 8)
            for message in inbox.withLock({ inbox in
                let messages = inbox
                inbox = []
                return messages
            }) {
                receive(message)
            }
        default:
            let fd = Int(truncatingIfNeeded: token)
            guard fd < connections.count, let connection = connections[fd] else { return }
            let readable = EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue
            if events & readable != 0 { connection.isReadable = true }
            if events & (EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
                connection.hasPeerHalfClosed = true
            }
            if events & (EPOLLOUT.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
                connection.isWritable = true
            }
            drive(connection)
        }
    }

    private func receive(_ message: Message) {
        switch message {
        case .response(let fd, let ticket, let response):
            complete(fd: fd, ticket: ticket, response: response)
        case .stopAccepting(let done):
            if isAccepting {
                isAccepting = false
                if acceptPausedUntil == nil { _ = csys_epoll_ctl(epoll, EPOLL_CTL_DEL, listener, 0, 0) }
            }
            done.signal()
        case .drain(let grace):
            drainDeadline = now + grace
            for case let connection? in connections
            where connection.machine.beginShutdown(outputPending: !connection.output.isEmpty) == .close {
                connection.close()
            }
        }
    }

    /// Runs responses completed on this thread during the last step, and any they lead to.
    private func runInline() {
        while !inline.isEmpty {
            // Swap with the spare array so that neither is reallocated per request.
            swap(&inline, &inlineSpare)
            for item in inlineSpare { complete(fd: item.fd, ticket: item.ticket, response: item.response) }
            inlineSpare.removeAll(keepingCapacity: true)
        }
    }

    private func complete(fd: Int32, ticket: UInt64, response: Response) {
        guard Int(fd) < connections.count, let connection = connections[Int(fd)], connection.ticket == ticket,
            connection.machine.phase == .awaitingResponse
        else { return }
        connection.respond(with: response, now: now)
        if !connection.isClosed { drive(connection) }
    }

    private func runRunnable() {
        let batch = runnable
        runnable = []
        for connection in batch where !connection.isClosed { drive(connection) }
        runInline()
    }

    /// Writes what it can, then reads and parses while the connection wants input and output is below the high-water
    /// mark. Reads at most 16 buffers per call so one fast client cannot hold the loop.
    func drive(_ connection: Connection) {
        connection.flush(now: now)
        if connection.machine.phase == .lingering {
            discardInput(of: connection)
            return
        }
        var budget = 16
        while !connection.isClosed, connection.machine.wantsInput, !connection.isOutputAboveHighWater {
            if !connection.pending.isEmpty {
                let before = connection.pending.count
                connection.consumePending(now: now)
                if connection.pending.count == before { break }
                continue
            }
            guard connection.isReadable else { break }
            guard budget > 0 else {
                runnable.append(connection)
                break
            }
            budget -= 1
            let result: IOResult<Int>
            do throws(SystemError) {
                result = try Socket.read(connection.fd, into: readBuffer)
            } catch {
                connection.close()
                return
            }
            switch result {
            case .wouldBlock:
                connection.isReadable = false
            case .done(0):
                connection.isReadable = false
                connection.peerClosed()
                return
            case .done(let count):
                // A short read emptied the socket; with edge triggering, bytes arriving later raise a new event, so
                // the read that would only say EAGAIN is skipped.
                // Not after the peer half-closed: its end of file is already queued and raises no further event.
                if count < readBuffer.count, !connection.hasPeerHalfClosed { connection.isReadable = false }
                let bytes = UnsafeRawBufferPointer(rebasing: readBuffer[..<count])
                let used = connection.consume(bytes, now: now)
                if used < count, !connection.isClosed { connection.pending.append(contentsOf: bytes[used...]) }
            }
        }
    }

    /// Reads and drops what a lingering connection still receives; closes it at end of file.
    private func discardInput(of connection: Connection) {
        connection.pending = []
        for _ in 0..<16 where connection.isReadable && !connection.isClosed {
            switch try? Socket.read(connection.fd, into: readBuffer) {
            case .wouldBlock:
                connection.isReadable = false
            case .done(let count) where count > 0:
                continue
            default:
                connection.close()
            }
        }
        if connection.isReadable, !connection.isClosed { runnable.append(connection) }
    }
}
