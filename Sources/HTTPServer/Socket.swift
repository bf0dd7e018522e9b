import CSystemShims

#if canImport(Glibc)
    import Glibc
#endif

/// Socket system calls used by the server, each through `systemCall` (EINTR retried, EAGAIN as `.wouldBlock`).
enum Socket {
    /// Makes a non-blocking listening TCP socket bound to `host:port` (port 0: any free port).
    static func listen(host: String, port: Int, backlog: Int) throws(SystemError) -> Int32 {
        let literal = host == "localhost" ? "127.0.0.1" : host
        let isIPv6 = literal.contains(":")
        let fd = try blockingCall(
            "socket",
            {
                socket(
                    isIPv6 ? AF_INET6 : AF_INET,
                    Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            })
        do throws(SystemError) {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            if isIPv6 {
                var address = sockaddr_in6()
                address.sin6_family = sa_family_t(AF_INET6)
                address.sin6_port = in_port_t(UInt16(port).bigEndian)
                guard inet_pton(AF_INET6, literal, &address.sin6_addr) == 1 else {
                    throw SystemError(function: "inet_pton(\(host))", errno: EINVAL)
                }
                try bind(fd, to: &address)
            } else {
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                guard inet_pton(AF_INET, literal, &address.sin_addr) == 1 else {
                    throw SystemError(function: "inet_pton(\(host))", errno: EINVAL)
                }
                try bind(fd, to: &address)
            }
            _ = try blockingCall("listen") { Glibc.listen(fd, Int32(backlog)) }
            return fd
        } catch {
            close(fd)
            throw error
        }
    }

    /// bind(2) to a `sockaddr_in` or `sockaddr_in6`.
    private static func bind<Address>(_ fd: Int32, to address: inout Address) throws(SystemError) {
        _ = try blockingCall("bind") {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.bind(fd, $0, socklen_t(MemoryLayout<Address>.size))
                }
            }
        }
    }

    /// The port a bound socket got.
    static func localPort(_ fd: Int32) throws(SystemError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try blockingCall("getsockname") {
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        let family = storage.ss_family
        return withUnsafePointer(to: &storage) { pointer in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                Int(UInt16(bigEndian: $0.pointee.sin_port))
            }
        }
    }

    /// Accepts one connection as non-blocking and close-on-exec; returns its descriptor and the peer's address.
    static func accept(_ listener: Int32) throws(SystemError) -> IOResult<Int32> {
        try systemCall("accept4") { csys_accept_nonblocking(listener, nil, nil) }
    }

    /// The peer's address as text (`127.0.0.1`, `::1`), or "" if unknown.
    static func peerAddress(_ fd: Int32) -> String {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) }
        }
        guard result == 0 else { return "" }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = Int32(storage.ss_family)
        let converted = withUnsafePointer(to: &storage) { pointer -> Bool in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    var address = $0.pointee.sin6_addr
                    return inet_ntop(AF_INET6, &address, &text, socklen_t(text.count)) != nil
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                var address = $0.pointee.sin_addr
                return inet_ntop(AF_INET, &address, &text, socklen_t(text.count)) != nil
            }
        }
        guard converted else { return "" }
        return String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// setsockopt(2) with an integer value.
    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) throws(SystemError) {
        var value = value
        _ = try blockingCall("setsockopt") { setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) }
    }

    /// Reads into `buffer`; `.done(0)` means the peer closed.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try systemCall("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// Writes from `buffer` without raising SIGPIPE.
    static func send(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try systemCall("send") { Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Sends up to `count` bytes of `file` from `offset` (advanced) with sendfile(2).
    static func sendFile(_ fd: Int32, from file: Int32, offset: inout Int, count: Int) throws(SystemError)
        -> IOResult<Int>
    {
        var position = off_t(offset)
        let result = try systemCall("sendfile") { sendfile(fd, file, &position, count) }
        offset = Int(position)
        return result
    }
}
