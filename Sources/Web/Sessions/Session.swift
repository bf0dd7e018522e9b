/// One signed-in browser: who it is, its CSRF token and its age.
///
/// A value copied out of `SessionStore`; changing it changes nothing in the store.
public struct Session: Sendable, Equatable {
    /// The secret id carried by the session cookie (256 random bits, hex).
    public let id: String
    /// The signed-in user, as the application names them (e.g. an email address or a record id).
    public let userID: String
    /// The token every unsafe request of this session must carry (form field or header).
    public let csrfToken: String
    /// When the session was made (sign-in), by the store's clock.
    public let createdAt: ContinuousClock.Instant
    /// When the session was last used, by the store's clock.
    public internal(set) var lastSeenAt: ContinuousClock.Instant
}
