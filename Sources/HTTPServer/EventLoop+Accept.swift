import CSystemShims
import HTTPWire

#if canImport(Glibc)
    import Glibc
#endif

extension EventLoop {
    /// The answer to a connection over `maxConnections`, written once without waiting.
    private static let overloadResponse = Array(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)

    /// Accepts up to 64 waiting connections (the listener is level-triggered: more wake the loop again).
    func acceptConnections() {
        for _ in 0..<64 where isAccepting && acceptPausedUntil == nil {
            let fd: Int32
            do throws(SystemError) {
                guard case .done(let accepted) = try Socket.accept(listener) else { return }
                fd = accepted
            } catch {
                if error.errno == EMFILE || error.errno == ENFILE || error.errno == ENOBUFS || error.errno == ENOMEM {
                    // Out of descriptors: stop listening for a moment instead of spinning on the ready listener.
                    _ = csys_epoll_ctl(epoll, EPOLL_CTL_DEL, listener, 0, 0)
                    acceptPausedUntil = now + .milliseconds(100)
                    return
                }
                continue  // ECONNABORTED and the like concern only that one connection
            }
            guard connectionCount.increment() <= configuration.maxConnections else {
                connectionCount.decrement()
                Self.overloadResponse.withUnsafeBytes {
                    _ = Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                close(fd)
                continue
            }
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
            guard csys_epoll_ctl(epoll, EPOLL_CTL_ADD, fd, events, UInt64(fd)) == 0 else {
                connectionCount.decrement()
                close(fd)
                continue
            }
            let connection = Connection(fd: fd, loop: self, now: now)
            if Int(fd) >= connections.count {
                connections.append(contentsOf: repeatElement(nil, count: Int(fd) + 1 - connections.count + 64))
            }
            connections[Int(fd)] = connection
            openConnections += 1
        }
    }

    /// Applies timeouts; also resumes accepting after a descriptor shortage.
    func checkDeadlines() {
        if let until = acceptPausedUntil, now >= until {
            acceptPausedUntil = nil
            if isAccepting {
                _ = csys_epoll_ctl(
                    epoll, EPOLL_CTL_ADD, listener, EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, Self.listenerToken)
            }
        }
        for case let connection? in connections {
            switch connection.machine.tick(now: now) {
            case .none, .shutDownOutputAndDrain: break
            case .close: connection.close()
            case .respondTimeoutAndClose: connection.fail(ServerError.requestTimeout, now: now)
            }
        }
    }

    /// Closes every connection (end of the shutdown grace period).
    func closeAll() {
        for case let connection? in connections { connection.close() }
    }
}
