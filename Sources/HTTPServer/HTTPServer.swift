import Dispatch
import Foundation
import HTTPWire
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP/1.1 server on non-blocking sockets: one epoll event loop per thread, keep-alive, pipelining, streamed
/// bodies, timeouts and graceful shutdown.
///
/// Create it at start-up, `start()` it once and `shutdown()` it once; both are called from the main thread (or any
/// one thread), never from a loop. The responder's methods run on loop threads (see `HTTPResponder`).
/// `accessLog` is called on a loop thread once per answered request with one line:
/// `METHOD path status responseBytes 1.23ms`.
public final class HTTPServer: Sendable {
    private enum State {
        case idle
        case running(listener: Int32, loops: [EventLoop])
        case stopped
    }

    /// The configuration the server was made with.
    public let configuration: ServerConfiguration
    private let responder: any HTTPResponder
    private let accessLog: (@Sendable (String) -> Void)?
    private let state = Mutex<State>(.idle)

    public init(
        configuration: ServerConfiguration, responder: any HTTPResponder,
        accessLog: (@Sendable (String) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.responder = responder
        self.accessLog = accessLog
    }

    /// Binds, listens and starts the event-loop threads.
    ///
    /// Ignores `SIGPIPE` for the process (a write to a closed socket must fail with `EPIPE`, not kill the server).
    /// - Returns: the bound port (useful with port 0).
    /// - Throws: `SystemError` when the address cannot be bound, or `ServerStateError` when called twice.
    @discardableResult
    public func start() throws -> Int {
        try state.withLock { state throws -> Int in
            guard case .idle = state else { throw ServerStateError.alreadyStarted }
            signal(SIGPIPE, SIG_IGN)
            let listener = try Socket.listen(
                host: configuration.host, port: configuration.port, backlog: configuration.listenBacklog)
            let port: Int
            var loops: [EventLoop] = []
            do {
                port = try Socket.localPort(listener)
                let counter = ConnectionCounter()
                for _ in 0..<configuration.loopCount {
                    loops.append(
                        try EventLoop(
                            configuration: configuration, responder: responder, accessLog: accessLog,
                            listener: listener, connectionCount: counter))
                }
            } catch {
                close(listener)
                throw error
            }
            for (index, loop) in loops.enumerated() {
                let thread = Thread { loop.run() }
                thread.name = "http-loop-\(index)"
                thread.start()
            }
            state = .running(listener: listener, loops: loops)
            return port
        }
    }

    /// Stops accepting, lets requests in flight finish within `shutdownGracePeriod` (their responses carry
    /// `Connection: close`), closes idle connections at once, then closes the rest and returns when every loop thread
    /// has ended. Calling it again, or before `start()`, does nothing.
    public func shutdown() {
        let running = state.withLock { state -> (Int32, [EventLoop])? in
            guard case .running(let listener, let loops) = state else { return nil }
            state = .stopped
            return (listener, loops)
        }
        guard let (listener, loops) = running else { return }
        let acknowledged = DispatchSemaphore(value: 0)
        for loop in loops { loop.send(.stopAccepting(done: acknowledged)) }
        for _ in loops { acknowledged.wait() }
        close(listener)
        for loop in loops { loop.send(.drain(grace: configuration.shutdownGracePeriod)) }
        for loop in loops { loop.exited.wait() }
    }
}

/// Misuse of `HTTPServer`'s life cycle.
public enum ServerStateError: Error, Equatable {
    /// `start()` was called on a server already started (or stopped).
    case alreadyStarted
}
