import Glibc

/// A blocking TCP connection to an SMTP relay that executes an `SMTPClientStateMachine`'s actions.
///
/// The socket is non-blocking underneath; every read, write and connect waits in `poll` with a timeout from
/// `SMTPTimeouts`, so a silent relay never hangs the caller. Plain TCP: no STARTTLS or TLS. Owned by the thread that
/// created it; the descriptor is closed by `close()` or when the connection is released.
public final class SMTPConnection {
    private var fd: Int32
    private let timeouts: SMTPTimeouts

    private init(fd: Int32, timeouts: SMTPTimeouts) {
        self.fd = fd
        self.timeouts = timeouts
    }

    deinit { close() }

    /// Sends `envelopes` to `relay` over one connection, calling `onResult` with each envelope's index and result
    /// as soon as the relay answers it (so a caller can record an acceptance before the next message goes out).
    ///
    /// Never throws: a failure to connect or a broken conversation reports every unanswered envelope as a temporary
    /// failure whose reason names the problem (e.g. `cannot connect to host:25: Connection refused`).
    public static func deliver(
        _ envelopes: [SMTPEnvelope], to relay: SMTPRelay, onResult: (Int, SMTPDeliveryResult) -> Void
    ) {
        var machine = SMTPClientStateMachine(clientName: relay.clientName, envelopes: envelopes, limits: relay.limits)
        let connection: SMTPConnection
        do {
            connection = try connect(host: relay.host, port: relay.port, timeouts: relay.timeouts)
        } catch {
            for case .deliver(let index, let result) in machine.connectionFailed(reason: error.description) {
                onResult(index, result)
            }
            return
        }
        var pending = machine.start()[...]
        while let action = pending.popFirst() {
            do {
                switch action {
                case .send(let bytes):
                    try connection.write(bytes)
                case .awaitReply(let wait):
                    let timeout = wait == .command ? relay.timeouts.command : relay.timeouts.dataTermination
                    pending += machine.received(try connection.read(timeout: timeout))
                case .deliver(let index, let result):
                    onResult(index, result)
                case .close:
                    connection.close()
                }
            } catch {
                // Results already decided are still reported; the machine fails the rest.
                let decided = pending.filter { if case .deliver = $0 { true } else { false } }
                pending = (decided + machine.connectionFailed(reason: error.description))[...]
            }
        }
        connection.close()
    }

    /// Opens a TCP connection to the first address of `host` that accepts one.
    ///
    /// - Throws: `SMTPError.unresolvedHost`, `SMTPError.connectFailed` (with the last attempt's `errno`),
    ///   `SMTPError.timedOut`, or `SMTPError.systemCall`.
    public static func connect(host: String, port: Int, timeouts: SMTPTimeouts) throws(SMTPError) -> SMTPConnection {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            throw .unresolvedHost(host: host, detail: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var lastError = SMTPError.connectFailed(host: host, port: port, errno: ECONNREFUSED)
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let address = entry?.pointee {
            entry = address.ai_next
            let type = address.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
            guard let fd = try SystemCall.run("socket", { socket(address.ai_family, type, address.ai_protocol) }) else {
                continue
            }
            let connection = SMTPConnection(fd: fd, timeouts: timeouts)
            do {
                try connection.finishConnect(address)
                return connection
            } catch .systemCall(_, let code) {
                lastError = .connectFailed(host: host, port: port, errno: code)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private func finishConnect(_ address: addrinfo) throws(SMTPError) {
        let started = try SystemCall.run("connect", isInProgressExpected: true) {
            Glibc.connect(fd, address.ai_addr, address.ai_addrlen)
        }
        if started == nil {
            try SystemCall.wait(fd, for: Int32(POLLOUT), timeout: timeouts.connect, operation: "connect")
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            try SystemCall.run("getsockopt") { getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) }
            if code != 0 { throw .systemCall(name: "connect", errno: code) }
        }
    }

    /// Writes all of `bytes`, waiting up to `timeouts.write` whenever the socket buffer is full.
    ///
    /// - Throws: `SMTPError.timedOut` or `SMTPError.systemCall` (e.g. `EPIPE` after the server closed).
    public func write(_ bytes: [UInt8]) throws(SMTPError) {
        precondition(fd >= 0, "write after close")
        var offset = 0
        while offset < bytes.count {
            let written = try SystemCall.run("send") {
                bytes.withUnsafeBytes { buffer in
                    // MSG_NOSIGNAL: a closed peer gives EPIPE instead of killing the process with SIGPIPE.
                    send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                }
            }
            if let written {
                offset += written
            } else {
                try SystemCall.wait(fd, for: Int32(POLLOUT), timeout: timeouts.write, operation: "write")
            }
        }
    }

    /// Reads what the server sent, at least one byte, waiting up to `timeout`.
    ///
    /// - Throws: `SMTPError.closedByServer` at end of stream, `SMTPError.timedOut`, or `SMTPError.systemCall`.
    public func read(timeout: Duration) throws(SMTPError) -> [UInt8] {
        precondition(fd >= 0, "read after close")
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = try SystemCall.run("recv") {
                buffer.withUnsafeMutableBytes { raw in recv(fd, raw.baseAddress, raw.count, 0) }
            }
            guard let count else {
                try SystemCall.wait(fd, for: Int32(POLLIN), timeout: timeout, operation: "read")
                continue
            }
            if count == 0 { throw .closedByServer }
            return Array(buffer[..<count])
        }
    }

    /// Closes the socket; later calls do nothing.
    public func close() {
        guard fd >= 0 else { return }
        // Linux releases the descriptor even when close fails with EINTR, so it is not retried.
        _ = Glibc.close(fd)
        fd = -1
    }
}
