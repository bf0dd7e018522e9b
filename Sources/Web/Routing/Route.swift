import HTTPWire

/// A function that answers one request; see `RouterBuilder.add`.
///
/// It runs on the server's loop thread, or on a background queue when its route `runsOffLoop`. It may throw
/// an `HTTPStatusError` to answer with that status's error page; anything else it throws is logged and
/// answered with a 500 page that reveals nothing.
public typealias Handler = @Sendable (RequestContext) throws -> Response

/// Who may call a route.
public enum RouteAccess: Sendable, Equatable {
    /// Anyone, signed in or not (sign-in, health check, static files).
    case `public`
    /// Only a request with a valid session; others are sent to sign in.
    case signedIn
}

/// One registered route: method, pattern, body policy, scheduling and handler. Immutable once built.
public struct Route: Sendable {
    /// The method answered; a GET route also answers HEAD.
    public let method: HTTPMethod
    /// The path pattern matched.
    public let pattern: RoutePattern
    /// What is done with the request body.
    public let bodyPolicy: BodyPolicy
    /// Whether the handler blocks or is slow (password hashing, file work) and so runs on a background queue.
    public let runsOffLoop: Bool
    /// Who may call the route.
    public let access: RouteAccess
    /// The function that answers.
    public let handler: Handler
}
