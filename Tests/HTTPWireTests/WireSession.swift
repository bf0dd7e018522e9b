@testable import HTTPWire

/// Test driver: runs the parser, framing and chunked decoder over a connection's bytes the way the server does,
/// request after request, stopping after a request that does not keep the connection alive.
struct WireSession {
    /// What became of the bytes.
    enum Outcome: Equatable {
        /// Every byte belonged to complete requests.
        case complete(messages: Int)
        /// The bytes stopped inside a request.
        case incomplete(messages: Int)
        /// A request asked to close; bytes after it were left unread (never parsed as a request).
        case closed(messages: Int, unreadBytes: Int)
        /// The bytes were refused.
        case rejected(WireError, messages: Int)
    }

    enum Phase {
        case head
        case length(Int)
        case chunked(ChunkedDecoder)
        case closed
    }

    var parser: RequestHeadParser
    var phase = Phase.head
    var heads: [RequestHead] = []
    var bodies: [[UInt8]] = []
    var unreadBytes = 0
    var error: WireError?

    init(limits: WireLimits = .standard) {
        parser = RequestHeadParser(limits: limits)
    }

    /// Runs `bytes` cut at `splits` (sorted offsets) through a new session.
    static func run(_ bytes: [UInt8], splits: [Int] = [], limits: WireLimits = .standard) -> WireSession {
        var session = WireSession(limits: limits)
        var start = 0
        for end in splits + [bytes.count] where end > start {
            session.feed(Array(bytes[start..<end]))
            start = end
        }
        return session
    }

    var outcome: Outcome {
        if let error { return .rejected(error, messages: heads.count) }
        switch phase {
        case .closed: return .closed(messages: heads.count, unreadBytes: unreadBytes)
        case .head where !parser.hasPartialHead: return .complete(messages: heads.count)
        default: return .incomplete(messages: heads.count)
        }
    }

    mutating func feed(_ chunk: [UInt8]) {
        guard error == nil else { return }
        chunk.withUnsafeBytes { buffer in
            var offset = 0
            do throws(WireError) {
                while offset < buffer.count {
                    offset += try step(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
                }
            } catch {
                self.error = error
            }
        }
    }

    /// Uses bytes from the start of `buffer` for the current phase; returns how many.
    private mutating func step(_ buffer: UnsafeRawBufferPointer) throws(WireError) -> Int {
        switch phase {
        case .closed:
            unreadBytes += buffer.count
            return buffer.count
        case .head:
            guard case .complete(let head, let used) = try parser.parse(buffer) else { return buffer.count }
            heads.append(head)
            bodies.append([])
            switch parser.framing {
            case .none: finishMessage()
            case .contentLength(let length): phase = .length(length)
            case .chunked: phase = .chunked(ChunkedDecoder(limits: parser.limits))
            }
            return used
        case .length(let remaining):
            let take = min(remaining, buffer.count)
            bodies[bodies.count - 1].append(contentsOf: buffer[..<take])
            if take == remaining { finishMessage() } else { phase = .length(remaining - take) }
            return take
        case .chunked(var decoder):
            let step = try decoder.decode(buffer)
            phase = .chunked(decoder)
            switch step {
            case .data(let range):
                bodies[bodies.count - 1].append(contentsOf: buffer[range])
                return range.upperBound
            case .needMoreData:
                return buffer.count
            case .end(let consumed):
                finishMessage()
                return consumed
            }
        }
    }

    private mutating func finishMessage() {
        phase = heads[heads.count - 1].isKeepAlive ? .head : .closed
    }
}
