import HTTPWire

#if canImport(Glibc)
    import Glibc
#endif

/// One accepted client socket: its parser, its state machine, the request in flight and the output not yet written.
///
/// Owned by one `EventLoop` and touched only on that loop's thread. The loop reads into its shared buffer and hands
/// the bytes to `consume(_:)`; bytes that arrive while a request is with the application wait in `pending`.
final class Connection {
    /// How the body of the request in flight is delimited, and how far it has got.
    enum BodyReader {
        /// No body, or all of it read.
        case none
        /// `Content-Length` framing with this many bytes still to come.
        case length(remaining: Int)
        /// Chunked framing, decoded by the value held.
        case chunked(ChunkedDecoder)
    }

    /// Where the body of the request in flight goes.
    enum BodyTarget {
        /// Nowhere: no body, or it was refused.
        case none
        /// Kept in memory, up to `limit` bytes.
        case buffer(limit: Int, bytes: [UInt8])
        /// Written to `sink`, up to `limit` bytes.
        case stream(limit: Int, sink: any RequestBodySink)
    }

    /// The socket.
    let fd: Int32
    /// The peer's address, for `Request.remoteAddress`.
    let remoteAddress: String
    /// The loop that owns this connection (and outlives it).
    unowned let loop: EventLoop
    /// Keep-alive, order and timeout policy.
    var machine: ConnectionStateMachine
    /// Parses request heads; its buffer is reused from request to request.
    var parser: RequestHeadParser
    /// Responses not yet written.
    var output = OutputQueue()
    /// Bytes read but not yet parsed.
    var pending: [UInt8] = []
    /// Edge-triggered: the socket may have bytes until a read says `EAGAIN` (or returns less than asked).
    var isReadable = true
    /// Edge-triggered: the socket may take more output until a send says `EAGAIN`.
    var isWritable = true
    /// The peer shut down its sending side (or the socket failed): read until end of file.
    var hasPeerHalfClosed = false
    private(set) var isClosed = false

    /// The head of the request in flight.
    var head: RequestHead?
    /// How the request's body is framed and how far it has been read.
    var bodyReader = BodyReader.none
    /// Where the request's body goes.
    var bodyTarget = BodyTarget.none
    /// Body bytes received so far, for the limit.
    var bodyCount = 0
    /// When the first byte of the request in flight arrived, for the access log.
    var requestStartedAt = Duration.zero
    /// The ticket of the request with the application; its answer must carry it.
    var ticket: UInt64 = 0

    /// Wraps an accepted socket; the idle deadline starts at `now`.
    init(fd: Int32, loop: EventLoop, now: Duration) {
        self.fd = fd
        self.loop = loop
        self.remoteAddress = Socket.peerAddress(fd)
        self.machine = ConnectionStateMachine(timeouts: loop.configuration.timeouts, now: now)
        self.parser = RequestHeadParser(limits: loop.configuration.wireLimits)
    }

    /// Whether so much output waits that reading and parsing should pause (back-pressure).
    var isOutputAboveHighWater: Bool { output.pendingCount > loop.configuration.writeBufferHighWaterMark }

    /// Writes queued output while the socket takes it, then closes if the state machine says so.
    func flush(now: Duration) {
        guard !isClosed, !output.isEmpty, isWritable else { return }
        let before = output.pendingCount
        do throws(SystemError) {
            switch try output.write(to: fd) {
            case .blocked:
                isWritable = false
                if output.pendingCount < before { machine.outputProgressed(now: now) }
            case .drained:
                switch machine.outputDrained(now: now) {
                case .close: close()
                case .shutDownOutputAndDrain: shutdown(fd, Int32(SHUT_WR))
                default: break
                }
            }
        } catch {
            close()
        }
    }

    /// Feeds read bytes to the current phase; returns how many were used (the rest must wait in `pending`).
    func consume(_ buffer: UnsafeRawBufferPointer, now: Duration) -> Int {
        var offset = 0
        while offset < buffer.count, !isClosed, machine.wantsInput, !isOutputAboveHighWater {
            let rest = UnsafeRawBufferPointer(rebasing: buffer[offset...])
            if machine.phase == .idle { requestStartedAt = now }
            machine.bytesReceived(now: now)
            do {
                switch machine.phase {
                case .idle, .readingHead:
                    switch try parser.parse(rest) {
                    case .needMoreData:
                        offset = buffer.count
                    case .complete(let head, let used):
                        offset += used
                        start(head, now: now)
                    }
                case .readingBody:
                    offset += try readBody(rest, now: now)
                default:
                    return offset
                }
            } catch {
                fail(error, now: now)
                return buffer.count
            }
        }
        return offset
    }

    /// Parses bytes kept from earlier reads, as far as the state allows.
    func consumePending(now: Duration) {
        let bytes = pending
        pending = []
        let used = bytes.withUnsafeBytes { consume($0, now: now) }
        if used < bytes.count, !isClosed { pending = Array(bytes[used...]) }
    }

    /// The client closed its side.
    func peerClosed() {
        if machine.peerClosed() == .close { close() }
    }

    /// Closes the socket and releases everything: a body sink is abandoned, queued files closed.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        if case .stream(_, let sink) = bodyTarget { sink.abandon() }
        bodyTarget = .none
        output.release()
        Glibc.close(fd)
        loop.connectionClosed(self)
    }
}
