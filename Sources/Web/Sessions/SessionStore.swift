import Synchronization

/// The server-side sessions, kept in memory: made at sign-in, found by cookie, ended at sign-out or expiry.
///
/// Built once at start-up and shared by every thread; all state is behind one `Mutex`. Time comes from the
/// injected `now`, so expiry is tested without waiting. Sessions do not survive a restart (everyone signs in
/// again), which is acceptable for an admin console. Lookups go through a dictionary: its timing cannot
/// reveal a 256-bit id in any practical number of requests.
public final class SessionStore: Sendable {
    /// Expiry and capacity limits.
    public struct Configuration: Sendable {
        /// A session unused for this long ends (default 30 minutes).
        public var idleTimeout: Duration
        /// A session ends this long after sign-in, however busy (default 12 hours).
        public var absoluteTimeout: Duration
        /// The most sessions kept; beyond it the least recently used is dropped (default 10 000).
        public var maxSessions: Int

        /// Limits with the given values.
        public init(
            idleTimeout: Duration = .seconds(30 * 60), absoluteTimeout: Duration = .seconds(12 * 3600),
            maxSessions: Int = 10_000
        ) {
            self.idleTimeout = idleTimeout
            self.absoluteTimeout = absoluteTimeout
            self.maxSessions = maxSessions
        }
    }

    /// The limits given at start.
    public let configuration: Configuration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let sessions = Mutex<[String: Session]>([:])

    /// An empty store reading time from `now`.
    public init(configuration: Configuration = Configuration(), now: @escaping @Sendable () -> ContinuousClock.Instant)
    {
        self.configuration = configuration
        self.now = now
    }

    /// Starts a session for `userID` with a fresh id and CSRF token, ending `previousID` if given.
    ///
    /// Call it at every sign-in: a new id defeats session fixation (an id planted before sign-in is worthless).
    public func signIn(userID: String, replacing previousID: String? = nil) -> Session {
        let instant = now()
        let session = Session(
            id: SessionToken.make(), userID: userID, csrfToken: SessionToken.make(), createdAt: instant,
            lastSeenAt: instant)
        sessions.withLock { sessions in
            if let previousID { sessions[previousID] = nil }
            if sessions.count >= configuration.maxSessions { evict(from: &sessions, at: instant) }
            sessions[session.id] = session
        }
        return session
    }

    /// The live session with `id`, its last use moved to now; nil (and the session dropped) when it is
    /// unknown, idle too long or too old.
    public func session(id: String) -> Session? {
        guard SessionToken.isWellFormed(id) else { return nil }
        let instant = now()
        return sessions.withLock { sessions in
            guard var session = sessions[id] else { return nil }
            guard isLive(session, at: instant) else {
                sessions[id] = nil
                return nil
            }
            session.lastSeenAt = instant
            sessions[id] = session
            return session
        }
    }

    /// Ends the session `id` (sign-out); nothing happens when it does not exist.
    public func signOut(id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// The number of sessions held, expired ones not yet dropped included.
    public var count: Int { sessions.withLock { $0.count } }

    private func isLive(_ session: Session, at instant: ContinuousClock.Instant) -> Bool {
        session.lastSeenAt.advanced(by: configuration.idleTimeout) > instant
            && session.createdAt.advanced(by: configuration.absoluteTimeout) > instant
    }

    /// Drops expired sessions, then the least recently used ones until there is room for one more.
    private func evict(from sessions: inout [String: Session], at instant: ContinuousClock.Instant) {
        sessions = sessions.filter { isLive($0.value, at: instant) }
        let excess = sessions.count - configuration.maxSessions + 1
        guard excess > 0 else { return }
        for (id, _) in sessions.sorted(by: { $0.value.lastSeenAt < $1.value.lastSeenAt }).prefix(excess) {
            sessions[id] = nil
        }
    }
}
