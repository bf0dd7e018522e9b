#if canImport(Glibc)
    import Glibc
#endif

/// The bytes and file ranges a connection still has to write, in order.
///
/// Responses are appended whole (head and in-memory body into one byte buffer, a file body as a descriptor range),
/// so pipelined responses leave in request order even when one of them is a file still being sent.
/// Confined to the connection's loop thread.
struct OutputQueue {
    private enum Segment {
        case bytes([UInt8])
        case file(fd: Int32, offset: Int, remaining: Int)
    }

    /// What `write(to:)` achieved.
    enum Progress: Equatable {
        /// Everything was written.
        case drained
        /// The socket is full; wait for it to become writable.
        case blocked
    }

    /// Bytes at the front, written from `sent` on.
    private var front: [UInt8] = []
    private var sent = 0
    /// What follows `front`, used only once a file is queued.
    private var later: [Segment] = []
    /// Bytes (and file bytes) still to write.
    private(set) var pendingCount = 0

    /// Whether everything was written.
    var isEmpty: Bool { pendingCount == 0 }

    /// Appends bytes produced by `body` (e.g. a serialized response); returns how many.
    @discardableResult
    mutating func append(_ body: (inout [UInt8]) -> Void) -> Int {
        let added: Int
        if later.isEmpty {
            let before = front.count
            body(&front)
            added = front.count - before
        } else {
            var tail: [UInt8] = []
            if case .bytes(let bytes) = later.last {
                tail = bytes
                later.removeLast()
            }
            let before = tail.count
            body(&tail)
            added = tail.count - before
            later.append(.bytes(tail))
        }
        pendingCount += added
        return added
    }

    /// Queues `length` bytes of the open file `fd` from `offset`; the queue closes `fd` when done or released.
    mutating func appendFile(fd: Int32, offset: Int, length: Int) {
        later.append(.file(fd: fd, offset: offset, remaining: length))
        pendingCount += length
    }

    /// Writes as much as the socket takes.
    /// - Throws: `SystemError` when the peer is gone or a file turned out shorter than announced.
    mutating func write(to socket: Int32) throws(SystemError) -> Progress {
        while true {
            if sent < front.count {
                let start = sent
                let result = front.withUnsafeBytes { buffer -> Result<IOResult<Int>, SystemError> in
                    do throws(SystemError) {
                        return .success(try Socket.send(socket, UnsafeRawBufferPointer(rebasing: buffer[start...])))
                    } catch {
                        return .failure(error)
                    }
                }
                guard case .done(let count) = try result.get() else { return .blocked }
                sent += count
                pendingCount -= count
                continue
            }
            if front.capacity > 256 * 1024 {
                front = []
            } else {
                front.removeAll(keepingCapacity: true)
            }
            sent = 0
            guard let next = later.first else { return .drained }
            switch next {
            case .bytes(let bytes):
                front = bytes
                later.removeFirst()
            case .file(let fd, var offset, let remaining):
                let result = try Socket.sendFile(socket, from: fd, offset: &offset, count: min(remaining, 1 << 20))
                guard case .done(let count) = result else { return .blocked }
                guard count > 0 else {
                    throw SystemError(function: "sendfile (file shorter than announced)", errno: EIO)
                }
                pendingCount -= count
                if remaining == count {
                    close(fd)
                    later.removeFirst()
                } else {
                    later[0] = .file(fd: fd, offset: offset, remaining: remaining - count)
                }
            }
        }
    }

    /// Drops everything unsent and closes queued files.
    mutating func release() {
        for case .file(let fd, _, _) in later { close(fd) }
        later = []
        front = []
        sent = 0
        pendingCount = 0
    }
}
