import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A raw blocking TCP client for loopback tests: sends bytes as given and reads responses by their framing.
///
/// `@unchecked Sendable`: one thread may send while another reads; `send` touches only the descriptor, and the read
/// buffer is used by the reading thread alone.
final class TestClient: @unchecked Sendable {
    /// A parsed response.
    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    enum ClientError: Error {
        case connect(Int32)
        case timeout, closed
        case malformed(String)
    }

    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw ClientError.connect(code)
        }
        setTimeout(timeout)
    }

    deinit { close(fd) }

    func setTimeout(_ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Closes the sending side (the server sees end of input).
    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads more bytes into the buffer; false on close or timeout.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 { return false }
        if errno == EAGAIN || errno == EWOULDBLOCK { throw ClientError.timeout }
        return false
    }

    /// Reads one response; `isHead` when it answers a HEAD request (no body follows).
    func readResponse(isHead: Bool = false) throws -> Reply {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound
            if headEnd == nil, try !fill() { throw ClientError.closed }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd!)
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw ClientError.malformed(head) }
        let headers = lines.map { line -> (String, String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }
        var reply = Reply(status: status, headers: headers, body: [])
        let length = Int(reply.header("Content-Length") ?? "0") ?? 0
        if !isHead, status >= 200, status != 204, status != 304 {
            while buffer.count < length {
                if try !fill() { throw ClientError.closed }
            }
            reply.body = Array(buffer[..<length])
            buffer.removeFirst(length)
        }
        return reply
    }

    /// Whether the server closed the connection (read gives end of file) within the timeout, with no more bytes.
    func isClosedByServer() -> Bool {
        guard buffer.isEmpty else { return false }
        do { return try !fill() } catch { return false }
    }

    /// Bytes buffered but not yet returned in a reply.
    var leftover: Int { buffer.count }
}
