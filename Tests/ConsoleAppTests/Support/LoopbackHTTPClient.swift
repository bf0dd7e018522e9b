import Foundation
import Glibc

/// A small blocking HTTP/1.1 client for tests, speaking to `127.0.0.1:port` over one POSIX TCP socket.
///
/// It keeps one connection alive between requests and reconnects when the server has closed it, keeps a
/// ``CookieJar``, and never follows redirects on its own: tests assert the 303 and its `Location`, then call
/// ``follow(_:)``. Every read is bounded by `timeout`. Owned by one test at a time (not `Sendable`).
final class LoopbackHTTPClient {
    /// The loopback port of the server under test.
    let port: UInt16
    /// The bound on every socket read and write.
    let timeout: Duration
    /// The cookies stored from `Set-Cookie` and sent back as `Cookie`.
    var cookies = CookieJar()
    /// How many TCP connections this client has opened; keep-alive tests expect 1 after many requests.
    private(set) var connectionsOpened = 0

    private var connection: LoopbackSocket?
    private var requestsOnConnection = 0

    /// A client for `127.0.0.1:port`; no connection is made until the first request.
    init(port: UInt16, timeout: Duration = .seconds(10)) {
        self.port = port
        self.timeout = timeout
    }

    /// Sends `GET path`.
    ///
    /// - Throws: ``LoopbackHTTPError`` when the exchange fails or times out.
    func get(_ path: String, headers: [(String, String)] = []) throws(LoopbackHTTPError) -> HTTPClientResponse {
        try send(method: "GET", path: path, headers: headers)
    }

    /// Sends `POST path` with `form` URL-encoded, as a browser submits a form without files.
    func post(
        _ path: String, form: [(String, String)], headers: [(String, String)] = []
    ) throws(LoopbackHTTPError) -> HTTPClientResponse {
        try send(
            method: "POST", path: path,
            headers: headers + [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(URLEncodedForm.encode(form).utf8))
    }

    /// Sends `POST path` as `multipart/form-data` with `fields` then `files`, as a browser uploads files.
    func postMultipart(
        _ path: String, fields: [(String, String)], files: [MultipartFile], headers: [(String, String)] = []
    ) throws(LoopbackHTTPError) -> HTTPClientResponse {
        let body = MultipartFormBody(fields: fields, files: files)
        return try send(
            method: "POST", path: path, headers: headers + [("Content-Type", body.contentType)], body: body.bytes)
    }

    /// Sends `GET` to the `Location` of a redirect, as a browser does after a 303 (absolute URLs are cut to
    /// their path).
    ///
    /// - Throws: ``LoopbackHTTPError/notARedirect(status:)`` when `response` is no redirect.
    func follow(_ response: HTTPClientResponse) throws(LoopbackHTTPError) -> HTTPClientResponse {
        guard response.isRedirect, var location = response.location else {
            throw .notARedirect(status: response.status)
        }
        if let scheme = location.range(of: "://") {
            let afterHost = location[scheme.upperBound...].firstIndex(of: "/") ?? location.endIndex
            location = afterHost == location.endIndex ? "/" : String(location[afterHost...])
        }
        return try get(location)
    }

    /// Sends one request and reads its response, storing cookies; retries once on a fresh connection when a
    /// reused one turns out to have been closed by the server.
    func send(
        method: String, path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) throws(LoopbackHTTPError) -> HTTPClientResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let cookie = cookies.headerValue { head += "Cookie: \(cookie)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        // Read before the exchange: a failed exchange closes the connection and resets the count.
        let isReused = connection != nil && requestsOnConnection > 0
        do {
            return try exchange(request, method: method)
        } catch let error where isReused && isStaleConnection(error) {
            close()
            return try exchange(request, method: method)
        }
    }

    /// Sends `bytes` on a new connection and returns everything received until the server closes or the
    /// timeout passes; for malformed-request tests. Cookies are neither sent nor stored.
    func rawExchange(bytes: [UInt8]) throws(LoopbackHTTPError) -> [UInt8] {
        let socket = try LoopbackSocket(port: port, timeout: timeout)
        defer { socket.close() }
        try socket.sendAll(bytes)
        var received: [UInt8] = []
        while true {
            do {
                let chunk = try socket.receive()
                if chunk.isEmpty { return received }
                received += chunk
            } catch .timedOut {
                return received
            } catch .socket(_, let code) where code == ECONNRESET {
                return received
            }
        }
    }

    /// Closes the kept-alive connection, if any; the next request opens a new one.
    func close() {
        connection?.close()
        connection = nil
        requestsOnConnection = 0
    }

    private func exchange(_ request: [UInt8], method: String) throws(LoopbackHTTPError) -> HTTPClientResponse {
        let socket: LoopbackSocket
        if let connection {
            socket = connection
        } else {
            socket = try LoopbackSocket(port: port, timeout: timeout)
            connection = socket
            connectionsOpened += 1
        }
        requestsOnConnection += 1
        try socket.sendAll(request)
        var buffer: [UInt8] = []
        var isClosed = false
        while true {
            if case .complete(let response, _, let isCloseDelimited) = try HTTPResponseParser.parse(
                buffer, isClosed: isClosed, method: method)
            {
                let connectionHeader = response.header("Connection")?.lowercased() ?? ""
                if isCloseDelimited || isClosed || connectionHeader.contains("close") { close() }
                cookies.store(from: response)
                return response
            }
            if isClosed {
                close()
                throw .connectionClosed(received: buffer.count)
            }
            do {
                let chunk = try socket.receive()
                if chunk.isEmpty { isClosed = true } else { buffer += chunk }
            } catch .timedOut(let after, _) {
                close()
                throw .timedOut(after: after, received: buffer.count)
            }
        }
    }

    /// Whether `error` is what a kept-alive connection closed by the server looks like: nothing came back.
    private func isStaleConnection(_ error: LoopbackHTTPError) -> Bool {
        switch error {
        case .connectionClosed(0): return true
        case .socket(_, let code): return code == EPIPE || code == ECONNRESET
        default: return false
        }
    }
}
