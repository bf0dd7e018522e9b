import Foundation
import Glibc
import Synchronization

/// A request as ``TinyLoopbackServer`` read it; `connectionNumber` counts accepted connections from 1.
struct TinyRequest: Sendable {
    let method: String
    let target: String
    let headers: [(name: String, value: String)]
    let body: [UInt8]
    let connectionNumber: Int

    /// The first header called `name`, ignoring case.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A response for ``TinyLoopbackServer`` to write; with `chunks` set it is sent chunked instead of `body`.
struct TinyResponse: Sendable {
    var status = 200
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    var chunks: [[UInt8]]? = nil
}

/// A deliberately minimal HTTP/1.1 server for the test-support self-tests: loopback, port 0, a thread per
/// connection, keep-alive, `Content-Length` request bodies only. Not the project's server, which it must not
/// depend on: it exists so the client and the browser harness are proven against something independent.
///
/// Shared between the accepting thread and connection threads; its mutable state lives in a `Mutex`.
final class TinyLoopbackServer: Sendable {
    /// The port the kernel chose.
    let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (TinyRequest) -> TinyResponse
    private let state = Mutex<(accepted: Int, open: Set<Int32>, isStopped: Bool)>((0, [], false))

    /// Listens on `127.0.0.1:0` and serves every request with `handler` on background threads until ``stop()``.
    init(handler: @escaping @Sendable (TinyRequest) -> TinyResponse) throws(LoopbackHTTPError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .socket(operation: "socket", errno: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            close(fd)
            throw .socket(operation: "bind/listen", errno: code)
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        self.handler = handler
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// How many connections have been accepted so far.
    var connectionsAccepted: Int { state.withLock { $0.accepted } }

    /// Stops accepting and shuts every open connection down; idempotent.
    func stop() {
        state.withLock { state in
            guard !state.isStopped else { return }
            state.isStopped = true
            shutdown(listener, Int32(SHUT_RDWR))
            for fd in state.open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                close(listener)
                return
            }
            let number: Int? = state.withLock { state in
                guard !state.isStopped else { return nil }
                state.accepted += 1
                state.open.insert(fd)
                return state.accepted
            }
            guard let number else {
                close(fd)
                continue
            }
            Thread.detachNewThread { [self] in serve(fd, number: number) }
        }
    }

    private func serve(_ fd: Int32, number: Int) {
        defer {
            state.withLock { _ = $0.open.remove(fd) }
            close(fd)
        }
        var interval = timeval(tv_sec: 5, tv_usec: 0)  // an idle client never pins a thread for long
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var buffer: [UInt8] = []
        while let request = readRequest(fd, number: number, buffer: &buffer) {
            var response = handler(request)
            let isClosing = request.header("Connection")?.lowercased() == "close"
            if isClosing { response.headers.append(("Connection", "close")) }
            guard write(fd, response) else { return }
            if isClosing || response.headers.contains(where: { $0.value == "close" }) { return }
        }
    }

    /// Reads one request; answers 400 and returns nil for a malformed head, nil at end of stream.
    private func readRequest(_ fd: Int32, number: Int, buffer: inout [UInt8]) -> TinyRequest? {
        var headEnd: Int?
        while true {
            headEnd = HTTPResponseParser.find([13, 10, 13, 10], in: buffer, from: 0)
            if headEnd != nil || !receive(fd, into: &buffer) { break }
        }
        guard let headEnd else { return nil }
        let lines = String(decoding: buffer[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), headers.count == lines.count - 1 else {
            _ = write(fd, TinyResponse(status: 400, headers: [("Connection", "close")], body: Array("bad".utf8)))
            return nil
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        while buffer.count < headEnd + 4 + length {
            guard receive(fd, into: &buffer) else { return nil }
        }
        let body = Array(buffer[(headEnd + 4)..<(headEnd + 4 + length)])
        buffer.removeFirst(headEnd + 4 + length)
        return TinyRequest(
            method: String(parts[0]), target: String(parts[1]), headers: headers, body: body,
            connectionNumber: number)
    }

    private func receive(_ fd: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }

    private func write(_ fd: Int32, _ response: TinyResponse) -> Bool {
        var head = "HTTP/1.1 \(response.status) Status\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        var bytes: [UInt8]
        if let chunks = response.chunks {
            bytes = Array((head + "Transfer-Encoding: chunked\r\n\r\n").utf8)
            for chunk in chunks + [[]] {
                bytes += Array("\(String(chunk.count, radix: 16))\r\n".utf8) + chunk + [13, 10]
            }
        } else {
            bytes = Array((head + "Content-Length: \(response.body.count)\r\n\r\n").utf8) + response.body
        }
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }
}
