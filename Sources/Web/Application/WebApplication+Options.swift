import Dispatch

extension WebApplication {
    /// Settings for a `WebApplication`, fixed at start-up.
    public struct Options: Sendable {
        /// Receives one line per unexpected error (answered 500); the app routes it to its log.
        public var logError: @Sendable (String) -> Void
        /// The headers added to every response.
        public var securityHeaders: SecurityHeaders
        /// Where handlers of `runsOffLoop` routes run.
        public var offLoopQueue: DispatchQueue
        /// Sessions, CSRF and origin checks; nil leaves every route open (for tests and tools only).
        public var sessionGuard: SessionGuard?

        /// Options with the standard security headers and a concurrent background queue.
        public init(
            logError: @escaping @Sendable (String) -> Void,
            securityHeaders: SecurityHeaders = .standard,
            offLoopQueue: DispatchQueue = DispatchQueue(label: "web.off-loop", attributes: .concurrent),
            sessionGuard: SessionGuard? = nil
        ) {
            self.sessionGuard = sessionGuard
            self.logError = logError
            self.securityHeaders = securityHeaders
            self.offLoopQueue = offLoopQueue
        }
    }
}
