import CSystemShims
import Dispatch
import HTTPWire
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One epoll thread serving its share of the connections.
///
/// Every loop waits on the shared listening socket (registered with `EPOLLEXCLUSIVE`, so one loop wakes per new
/// connection) and on its connections (edge-triggered). Connection state is touched only on this thread; other
/// threads reach the loop through `deliver(_:fd:ticket:)` and `send(_:)`, which queue a message under a `Mutex` and
/// wake the loop through an eventfd.
///
/// `@unchecked Sendable`: the mutable state below `// Loop thread only` is confined to the loop thread; `inbox` is
/// a `Mutex`; `threadID` is atomic; the rest is immutable after `init`.
final class EventLoop: @unchecked Sendable {
    /// A request from another thread.
    enum Message: Sendable {
        /// The application's answer to the request holding `ticket`, on descriptor `fd`.
        case response(fd: Int32, ticket: UInt64, Response)
        /// Stop accepting; signal `done` once the listener is out of this loop's epoll set.
        case stopAccepting(done: DispatchSemaphore)
        /// Close idle connections, finish the others within `grace`, then exit.
        case drain(grace: Duration)
    }

    /// The epoll token of the listening socket (connections use their descriptor).
    static let listenerToken = UInt64.max
    /// The epoll token of the eventfd.
    static let wakeToken = UInt64.max - 1

    /// Shared read-only settings.
    let configuration: ServerConfiguration
    /// The application.
    let responder: any HTTPResponder
    /// Called once per answered request, on this thread.
    let accessLog: (@Sendable (String) -> Void)?
    /// Open connections over all loops.
    let connectionCount: ConnectionCounter
    /// The listening socket, shared by all loops; closed by `HTTPServer`.
    let listener: Int32
    /// This loop's epoll instance.
    let epoll: Int32
    /// The eventfd other threads write to wake the loop.
    let wake: Int32
    /// Signalled when the loop thread has exited.
    let exited = DispatchSemaphore(value: 0)
    /// Messages from other threads, taken in one swap per wake-up.
    let inbox = Mutex<[Message]>([])
    /// The loop thread's `pthread_self()`, to recognise answers given on it.
    let threadID = Atomic<UInt>(0)

    // Loop thread only.
    /// Writes response heads; holds the per-second `Date` cache.
    var serializer = ResponseSerializer()
    /// Wall-clock seconds, read once per iteration, for `Date`.
    var epochSeconds = 0
    /// Monotonic time, read once per iteration, for deadlines.
    var now = Duration.zero
    /// Open connections by descriptor.
    var connections: [Connection?] = []
    /// How many entries of `connections` are set.
    var openConnections = 0
    /// The last request ticket handed out (see `Connection.ticket`).
    var nextID: UInt64 = 0
    /// Answers given on this thread, run after the current event (never re-entrantly).
    var inline: [(fd: Int32, ticket: UInt64, response: Response)] = []
    /// The other buffer of `inline`, swapped in while it runs.
    var inlineSpare: [(fd: Int32, ticket: UInt64, response: Response)] = []
    /// Connections that used their read budget and still have bytes to read.
    var runnable: [Connection] = []
    /// The one read buffer of this loop; bytes are parsed straight out of it.
    var readBuffer: UnsafeMutableRawBufferPointer
    /// False once shutdown has begun.
    var isAccepting = true
    /// Set while accepting pauses after running out of descriptors.
    var acceptPausedUntil: Duration?
    /// Set by shutdown: the loop ends when its connections are gone or at this time.
    var drainDeadline: Duration?

    /// Makes the epoll instance and eventfd and registers the listener; the thread starts with `run()`.
    init(
        configuration: ServerConfiguration, responder: any HTTPResponder,
        accessLog: (@Sendable (String) -> Void)?, listener: Int32, connectionCount: ConnectionCounter
    ) throws(SystemError) {
        self.configuration = configuration
        self.responder = responder
        self.accessLog = accessLog
        self.listener = listener
        self.connectionCount = connectionCount
        epoll = try blockingCall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        do throws(SystemError) {
            wake = try blockingCall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
        } catch {
            close(epoll)
            throw error
        }
        readBuffer = .allocate(byteCount: configuration.readBufferSize, alignment: 16)
        try control(EPOLL_CTL_ADD, wake, events: EPOLLIN.rawValue, token: Self.wakeToken)
        try control(
            EPOLL_CTL_ADD, listener, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, token: Self.listenerToken)
    }

    deinit {
        // The eventfd lives as long as the loop object, so a late `deliver` never writes to a reused descriptor.
        close(wake)
        readBuffer.deallocate()
    }

    private func control(_ operation: Int32, _ fd: Int32, events: UInt32, token: UInt64) throws(SystemError) {
        _ = try blockingCall("epoll_ctl") { csys_epoll_ctl(epoll, operation, fd, events, token) }
    }

    /// Hands the application's response to the loop; callable from any thread. Only the first answer for a ticket
    /// counts.
    func deliver(_ response: Response, fd: Int32, ticket: UInt64) {
        if threadID.load(ordering: .relaxed) == UInt(pthread_self()) {
            inline.append((fd, ticket, response))
            return
        }
        send(.response(fd: fd, ticket: ticket, response))
    }

    /// Queues a message for the loop thread and wakes it.
    func send(_ message: Message) {
        let wasEmpty = inbox.withLock { inbox in
            inbox.append(message)
            return inbox.count == 1
        }
        if wasEmpty {
            var one: UInt64 = 1
            _ = Glibc.write(wake, &one, 8)
        }
    }

    /// Called by a connection as it closes.
    func connectionClosed(_ connection: Connection) {
        if connections[Int(connection.fd)] === connection {
            connections[Int(connection.fd)] = nil
            openConnections -= 1
            connectionCount.decrement()
        }
    }
}
