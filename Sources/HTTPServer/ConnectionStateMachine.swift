/// The policy of one connection — keep-alive, request order, timeouts and when to close — with no sockets.
///
/// A value owned by the connection, on its loop thread. The connection reports what happened (bytes arrived, a head
/// or body was read, a response was queued, output drained, the clock moved) and executes the returned `Action`.
/// Time is passed in (`now`, from any monotonic origin), so tests drive it with plain numbers.
///
/// Requests are served one at a time: after a head, nothing more is parsed until its response is queued, which keeps
/// pipelined responses in request order.
struct ConnectionStateMachine: Sendable {
    /// Where the connection is in its request/response cycle.
    enum Phase: Sendable, Equatable {
        /// Between requests (or before the first); the idle deadline runs once output has drained.
        case idle
        /// Some bytes of a request head arrived; the header-read deadline runs.
        case readingHead
        /// Reading a request body; the body-read inactivity deadline runs.
        case readingBody
        /// The request is with the application; nothing more is read or parsed.
        case awaitingResponse
        /// The last response is queued; close once it is written.
        case closing
        /// The last response is written and the sending side shut; unread request bytes are read and dropped until
        /// the client closes or the linger deadline passes, so that they do not make the kernel reset the connection
        /// before the client has read the answer (a 413 during an upload, for instance).
        case lingering
        /// Closed; no further events matter.
        case closed
    }

    /// What the connection must do.
    enum Action: Sendable, Equatable {
        /// Nothing to do.
        case none
        /// Close the socket now (abandoning any body sink).
        case close
        /// Answer 408 with `Connection: close` (the request took too long to arrive).
        case respondTimeoutAndClose
        /// Shut the sending side and read and drop input until end of file (see `Phase.lingering`).
        case shutDownOutputAndDrain
    }

    /// The three deadlines (see `ServerConfiguration`).
    struct Timeouts: Sendable, Equatable {
        /// From the first byte of a head to its end.
        var headerRead: Duration
        /// Between requests, and without write progress.
        var idle: Duration
        /// Between two reads of a body.
        var bodyRead: Duration
    }

    /// The deadlines applied.
    let timeouts: Timeouts
    private(set) var phase = Phase.idle
    /// When the current wait ends, if one is running.
    private(set) var deadline: Duration?
    /// Whether the connection stays open after the current response.
    private(set) var isKeepAlive = true
    /// Whether to linger before closing (see `Phase.lingering`): set when the server, not the client, ends the
    /// connection while request bytes may still be on their way.
    private(set) var lingersBeforeClose = false
    /// Whether the server is shutting down (no new requests are started after the current one).
    private(set) var isDraining = false

    /// How long a closing connection drops late request bytes before it closes anyway.
    static let lingerTime = Duration.seconds(2)

    /// A new connection, idle from `now`.
    init(timeouts: Timeouts, now: Duration) {
        self.timeouts = timeouts
        deadline = now + timeouts.idle
    }

    /// Whether the connection should read from its socket and parse.
    var wantsInput: Bool { phase == .idle || phase == .readingHead || phase == .readingBody }

    /// Request bytes arrived (or buffered ones are about to be parsed).
    mutating func bytesReceived(now: Duration) {
        switch phase {
        case .idle:
            // The header deadline starts with the first byte of a request and is never extended: a client sending a
            // byte a second gets no more time than one sending the head at once.
            phase = .readingHead
            deadline = now + timeouts.headerRead
        case .readingBody:
            deadline = now + timeouts.bodyRead
        default:
            break
        }
    }

    /// A complete head was parsed. `isKeepAlive` is the request's own wish (RFC 9112 §9.3); `expectsBody` whether a
    /// body will be read.
    mutating func headReceived(isKeepAlive: Bool, expectsBody: Bool, now: Duration) {
        self.isKeepAlive = self.isKeepAlive && isKeepAlive && !isDraining
        if expectsBody {
            phase = .readingBody
            deadline = now + timeouts.bodyRead
        } else {
            phase = .awaitingResponse
            deadline = nil
        }
    }

    /// The body was read completely (or will not be read); the request goes to the application.
    mutating func bodyReceived() {
        phase = .awaitingResponse
        deadline = nil
    }

    /// The request failed or its body was refused unread: the connection closes after the response, because the
    /// position of the next request in the byte stream is no longer known.
    mutating func mustCloseAfterResponse() {
        isKeepAlive = false
        lingersBeforeClose = true
    }

    /// A response was queued. `closeRequested` is true when the response itself asks to close.
    /// - Returns: `.close` when the connection should close now (nothing left to write).
    mutating func responseQueued(closeRequested: Bool, outputPending: Bool, now: Duration) -> Action {
        if closeRequested || !isKeepAlive {
            isKeepAlive = false
            phase = .closing
            deadline = now + timeouts.idle
            return outputPending ? .none : .close
        }
        phase = .idle
        deadline = now + timeouts.idle
        return .none
    }

    /// Some output was written; a client that keeps reading keeps the connection.
    mutating func outputProgressed(now: Duration) {
        if phase == .idle || phase == .closing { deadline = now + timeouts.idle }
    }

    /// All queued output was written.
    mutating func outputDrained(now: Duration) -> Action {
        switch phase {
        case .closing where lingersBeforeClose:
            phase = .lingering
            deadline = now + Self.lingerTime
            return .shutDownOutputAndDrain
        case .closing:
            phase = .closed
            return .close
        case .idle:
            deadline = now + timeouts.idle
            return .none
        default:
            return .none
        }
    }

    /// The client closed its side (read returned 0).
    mutating func peerClosed() -> Action {
        switch phase {
        case .idle, .readingHead, .readingBody, .lingering:
            phase = .closed
            return .close
        case .awaitingResponse:
            // A client may half-close after sending its request; it can still read the answer.
            isKeepAlive = false
            return .none
        case .closing, .closed:
            return .none
        }
    }

    /// Checks the running deadline against `now`.
    mutating func tick(now: Duration) -> Action {
        guard let deadline, now >= deadline else { return .none }
        switch phase {
        case .idle, .closing, .lingering:
            phase = .closed
            return .close
        case .readingHead, .readingBody:
            isKeepAlive = false
            self.deadline = nil
            return .respondTimeoutAndClose
        case .awaitingResponse, .closed:
            return .none
        }
    }

    /// The server is shutting down: finish the current request with `Connection: close`, start no other.
    /// - Returns: `.close` for a connection with nothing in flight.
    mutating func beginShutdown(outputPending: Bool) -> Action {
        isDraining = true
        isKeepAlive = false
        if phase == .lingering {
            phase = .closed
            return .close
        }
        guard phase == .idle else { return .none }
        if outputPending {
            phase = .closing
            return .none
        }
        phase = .closed
        return .close
    }
}
