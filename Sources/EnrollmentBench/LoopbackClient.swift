import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal blocking HTTP/1.1 client for 127.0.0.1: one keep-alive connection, a cookie, uploads streamed
/// from a file. Enough to drive the console the way a browser would, and nothing more.
final class LoopbackClient {
    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    enum Failure: Error, CustomStringConvertible {
        case socket(String, Int32)
        case closed
        case malformed(String)
        var description: String {
            switch self {
            case .socket(let operation, let code): "\(operation): \(String(cString: strerror(code)))"
            case .closed: "connection closed"
            case .malformed(let what): "malformed response: \(what)"
            }
        }
    }

    let port: Int
    private var descriptor: Int32 = -1
    private var pending: [UInt8] = []
    /// `name=value` of the session cookie, once signed in.
    var cookie: String?

    init(port: Int) { self.port = port }
    deinit { disconnect() }

    private func connect() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket("socket", errno) }
        var timeout = timeval(tv_sec: 600, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw Failure.socket("connect", code)
        }
        descriptor = fd
        pending = []
    }

    func disconnect() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    private func send(_ bytes: UnsafeRawBufferPointer) throws {
        var sent = 0
        while sent < bytes.count {
            let n = Glibc.send(descriptor, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.socket("send", errno)
            }
            sent += n
        }
    }

    private func send(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try send($0) } }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                pending.append(contentsOf: chunk[..<n])
                return
            }
            if n == 0 { throw Failure.closed }
            if errno == EINTR { continue }
            throw Failure.socket("recv", errno)
        }
    }

    private func readReply() throws -> Reply {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            if let range = pending.firstRange(of: separator) { headEnd = range.lowerBound } else { try fill() }
        }
        let head = String(decoding: pending[..<headEnd!], as: UTF8.self)
        pending.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure.malformed(head) }
        var headers: [(String, String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var reply = Reply(status: status, headers: headers, body: [])
        if let length = reply.header("Content-Length").flatMap({ Int($0) }) {
            while pending.count < length { try fill() }
            reply.body = Array(pending[..<length])
            pending.removeFirst(length)
        } else if reply.header("Transfer-Encoding")?.lowercased() == "chunked" {
            reply.body = try readChunked()
        }
        if let setCookie = reply.header("Set-Cookie"), let pair = setCookie.split(separator: ";").first {
            cookie = String(pair)
        }
        if reply.header("Connection")?.lowercased() == "close" { disconnect() }
        return reply
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            while pending.firstRange(of: [13, 10]) == nil { try fill() }
            let end = pending.firstRange(of: [13, 10])!.lowerBound
            let sizeText = String(decoding: pending[..<end], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw Failure.malformed("chunk size")
            }
            pending.removeFirst(end + 2)
            while pending.count < size + 2 { try fill() }
            body.append(contentsOf: pending[..<size])
            pending.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    private func head(_ method: String, _ path: String, extra: [(String, String)]) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        if let cookie { text += "Cookie: \(cookie)\r\n" }
        for (name, value) in extra { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Sends a request with an in-memory body and reads the reply.
    func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [])
        throws -> Reply
    {
        if descriptor < 0 { try connect() }
        var extra = headers
        if method != "GET" || !body.isEmpty { extra.append(("Content-Length", "\(body.count)")) }
        try send(head(method, path, extra: extra) + body)
        return try readReply()
    }

    /// A GET; retried once on a fresh connection when the server had closed the idle one.
    func get(_ path: String) throws -> Reply {
        do {
            return try request("GET", path)
        } catch Failure.closed {
            disconnect()
            return try request("GET", path)
        }
    }

    /// Posts an `application/x-www-form-urlencoded` form.
    func postForm(_ path: String, _ fields: [(String, String)]) throws -> Reply {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try request(
            "POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8))
    }

    /// Posts `multipart/form-data` with the text `fields` first and then the file at `filePath` as field
    /// `fileField`, read and sent in 1 MiB chunks (the file is never in memory whole). `onFirstByte` runs just
    /// before the first byte is sent.
    func postFile(
        _ path: String, fields: [(String, String)], fileField: String, fileName: String, filePath: String,
        onFirstByte: () -> Void = {}
    ) throws -> Reply {
        if descriptor < 0 { try connect() }
        let boundary = "----EnrollmentBench\(UInt64.random(in: 0...UInt64.max))"
        var preamble = ""
        for (name, value) in fields {
            preamble += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        preamble += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; "
        preamble += "filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n"
        let epilogue = "\r\n--\(boundary)--\r\n"
        let size = (try FileManager.default.attributesOfItem(atPath: filePath)[.size] as? Int) ?? 0
        let length = preamble.utf8.count + size + epilogue.utf8.count
        let headBytes = head(
            "POST", path,
            extra: [("Content-Type", "multipart/form-data; boundary=\(boundary)"), ("Content-Length", "\(length)")])
        let file = open(filePath, O_RDONLY)
        guard file >= 0 else { throw Failure.socket("open upload file", errno) }
        defer { close(file) }
        onFirstByte()
        try send(headBytes + Array(preamble.utf8))
        let chunkSize = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(file, buffer.baseAddress, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.socket("read upload file", errno)
            }
            if n == 0 { break }
            try send(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        }
        try send(Array(epilogue.utf8))
        return try readReply()
    }
}
