import Glibc

/// A blocking IPv4 TCP connection to 127.0.0.1 with send and receive timeouts.
///
/// Owned by one thread at a time (not `Sendable`); the descriptor is closed by ``close()`` or on deinit.
/// Every read is bounded by `timeout` through `SO_RCVTIMEO`, so a silent peer can never hang a test.
final class LoopbackSocket {
    /// The open descriptor, or -1 once closed.
    private(set) var descriptor: Int32
    /// The bound on every single `send` and `recv`.
    let timeout: Duration

    /// Connects to `127.0.0.1:port`.
    ///
    /// - Throws: ``LoopbackHTTPError/socket(operation:errno:)`` when the socket cannot be made or connected.
    init(port: UInt16, timeout: Duration) throws(LoopbackHTTPError) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .socket(operation: "socket", errno: errno) }
        var interval = timeval(
            tv_sec: Int(timeout.components.seconds),
            tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, size)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, size)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian  // 127.0.0.1
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .socket(operation: "connect to port \(port)", errno: code)
        }
        descriptor = fd
        self.timeout = timeout
    }

    deinit { close() }

    /// Writes every byte, retrying short writes and `EINTR`.
    ///
    /// - Throws: ``LoopbackHTTPError/socket(operation:errno:)`` (`EPIPE` when the peer has gone; no `SIGPIPE`).
    func sendAll(_ bytes: [UInt8]) throws(LoopbackHTTPError) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .socket(operation: "send", errno: errno)
            }
            sent += count
        }
    }

    /// Reads what is available, up to `maximum` bytes; an empty array means the peer closed the connection.
    ///
    /// - Throws: ``LoopbackHTTPError/timedOut(after:received:)`` when nothing arrives within `timeout`
    ///   (`received` is 0; callers that know better rethrow with their count), or
    ///   ``LoopbackHTTPError/socket(operation:errno:)``.
    func receive(maximum: Int = 65_536) throws(LoopbackHTTPError) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, maximum, 0) }
            if count >= 0 { return Array(chunk[..<count]) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw .timedOut(after: timeout, received: 0)
            case let code: throw .socket(operation: "recv", errno: code)
            }
        }
    }

    /// Closes the descriptor; safe to call more than once.
    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }
}
