import HTTPWire

#if canImport(Glibc)
    import Glibc
#endif

/// Where and how an `HTTPServer` listens, with every limit and timeout it enforces.
///
/// Built once at start-up and shared read-only by every event loop.
public struct ServerConfiguration: Sendable {
    /// Address to bind: an IPv4 or IPv6 literal, or `localhost` (default `127.0.0.1`).
    public var host: String
    /// Port to bind; 0 picks any free port, which `HTTPServer.start()` returns (default 8080).
    public var port: Int
    /// Number of event-loop threads (default: the number of online cores).
    public var loopCount: Int
    /// Request-parsing limits: request line 8 KiB (414), header section 32 KiB and 100 fields (431), chunk extension
    /// and trailer sizes (see `WireLimits`).
    public var wireLimits: WireLimits
    /// Time allowed from the first byte of a request to the end of its head (default 10 s); then 408 and close.
    /// This is what stops a client that sends its headers a byte at a time.
    public var headerReadTimeout: Duration
    /// Time a keep-alive connection may sit between requests (default 60 s); then it is closed silently.
    /// Also bounds how long a response may make no write progress.
    public var idleTimeout: Duration
    /// Longest pause between two reads of a request body (default 30 s); then 408 and close.
    public var bodyReadTimeout: Duration
    /// Most open connections over all loops (default 10,000). Past it a new connection is sent a 503 and closed at
    /// once, so the listen queue never fills.
    public var maxConnections: Int
    /// Bytes of response queued on one connection past which it stops reading and parsing more requests until the
    /// client catches up (default 256 KiB).
    public var writeBufferHighWaterMark: Int
    /// Time `HTTPServer.shutdown()` lets requests in flight finish before closing their connections (default 10 s).
    public var shutdownGracePeriod: Duration
    /// Bytes read from a socket at once, one buffer per loop (default 64 KiB).
    public var readBufferSize: Int
    /// Pending connections the kernel may queue before `accept` (default 1024).
    public var listenBacklog: Int

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        loopCount: Int = ServerConfiguration.coreCount,
        wireLimits: WireLimits = .standard,
        headerReadTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(60),
        bodyReadTimeout: Duration = .seconds(30),
        maxConnections: Int = 10_000,
        writeBufferHighWaterMark: Int = 256 * 1024,
        shutdownGracePeriod: Duration = .seconds(10),
        readBufferSize: Int = 64 * 1024,
        listenBacklog: Int = 1024
    ) {
        self.host = host
        self.port = port
        self.loopCount = max(1, loopCount)
        self.wireLimits = wireLimits
        self.headerReadTimeout = headerReadTimeout
        self.idleTimeout = idleTimeout
        self.bodyReadTimeout = bodyReadTimeout
        self.maxConnections = maxConnections
        self.writeBufferHighWaterMark = writeBufferHighWaterMark
        self.shutdownGracePeriod = shutdownGracePeriod
        self.readBufferSize = readBufferSize
        self.listenBacklog = listenBacklog
    }

    /// The number of online processor cores, at least 1.
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// The connection timeouts, as the state machine takes them.
    var timeouts: ConnectionStateMachine.Timeouts {
        .init(headerRead: headerReadTimeout, idle: idleTimeout, bodyRead: bodyReadTimeout)
    }

    /// How often a loop checks deadlines: a quarter of the shortest timeout, between 10 ms and 250 ms.
    var tickInterval: Duration {
        let shortest = min(headerReadTimeout, idleTimeout, bodyReadTimeout)
        return min(max(shortest / 4, .milliseconds(10)), .milliseconds(250))
    }
}
