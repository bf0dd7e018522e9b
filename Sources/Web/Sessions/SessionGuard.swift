import HTTPWire

/// A request body sink that can tell the CSRF token sent in the body it received (the `_csrf` field of a
/// multipart upload), so streamed routes are protected like buffered ones. The application adds this
/// conformance to its upload spooler.
public protocol CSRFTokenCarrying: RequestBodySink {
    /// The token found in the body, or nil.
    var csrfToken: String? { get }
}

/// Guards routes with sessions: sends anyone without a valid session to sign in, checks the origin of unsafe
/// requests and their CSRF token.
///
/// Given to `WebApplication.Options` at start-up and shared read-only. Routes marked `.public` are open to
/// all; every `.signedIn` route needs a live session, and its unsafe requests (POST, PUT, PATCH, DELETE) a
/// token equal to the session's, sent as the form field `_csrf`, the header `X-CSRF-Token`, or by a
/// `CSRFTokenCarrying` sink. Unsafe requests to any route must come from this site (`OriginPolicy`).
public struct SessionGuard: Sendable {
    /// The name of the hidden form field holding the CSRF token.
    public static let csrfFieldName = "_csrf"
    /// The header that may hold the CSRF token instead (for scripts).
    public static let csrfHeaderName = "X-CSRF-Token"

    /// Where sessions live.
    public let store: SessionStore
    /// How the session id travels.
    public let cookie: SessionCookie
    /// Which origins may send unsafe requests.
    public let origins: OriginPolicy
    /// The sign-in page, where requests without a session are sent with `?next=`.
    public let signInPath: String

    /// A guard over `store`; `signInPath` must be a local path.
    public init(store: SessionStore, cookie: SessionCookie, origins: OriginPolicy, signInPath: String = "/signin") {
        precondition(LocalPath.isLocal(signInPath), "the sign-in page is a local path")
        self.store = store
        self.cookie = cookie
        self.origins = origins
        self.signInPath = signInPath
    }

    /// `next` when it is a local path (`/enrollment/import`), else `/`; use it to redirect after sign-in so
    /// that `?next=https://evil.example` cannot send the user elsewhere.
    public static func safeNext(_ next: String?) -> String {
        guard let next, LocalPath.isLocal(next) else { return "/" }
        return next
    }

    /// Signs `userID` in for the request with `head`: a new session replacing any the request carried, and the
    /// `Set-Cookie` value to send with the response (usually a 303 to `safeNext(next)`).
    public func signIn(userID: String, for head: RequestHead) -> (session: Session, setCookie: String) {
        let session = store.signIn(userID: userID, replacing: cookie.sessionID(in: head.headers))
        return (session, cookie.setCookie(session.id))
    }

    /// Ends the session the request with `head` carries, if any, and gives the `Set-Cookie` value that deletes
    /// the cookie.
    public func signOut(for head: RequestHead) -> String {
        if let id = cookie.sessionID(in: head.headers) { store.signOut(id: id) }
        return cookie.clearCookie()
    }

    /// The live session of the request, or nil.
    public func session(for head: RequestHead) -> Session? {
        cookie.sessionID(in: head.headers).flatMap { store.session(id: $0) }
    }

    /// Whether a request gets in, decided from its head.
    enum Admission {
        /// Let in, with the request's live session if it has one.
        case admitted(Session?)
        /// Sent to sign in: a `.signedIn` route and no live session.
        case redirected(Response)
    }

    /// Admits or redirects the request with `head` on `route`; throws `WebError.forbidden` for an unsafe request
    /// from another origin.
    func admit(_ head: RequestHead, route: Route) throws(WebError) -> Admission {
        if Self.isUnsafe(head.method), !origins.allows(head.headers) {
            throw .forbidden(reason: "The request did not come from this site.")
        }
        let session = session(for: head)
        if route.access == .signedIn, session == nil { return .redirected(signInRedirect(for: head)) }
        return .admitted(session)
    }

    /// Throws `WebError.forbidden` unless the unsafe request in `context` carries its session's CSRF token.
    func verifyToken(in context: RequestContext) throws {
        guard Self.isUnsafe(context.request.method), let session = context.session else { return }
        var sent = context.request.headers[Self.csrfHeaderName]
        if sent == nil, case .streamed(let sink) = context.request.body {
            sent = (sink as? any CSRFTokenCarrying)?.csrfToken
        }
        if sent == nil, case .bytes = context.request.body {
            sent = try context.form().value(Self.csrfFieldName)
        }
        guard let sent, SessionToken.constantTimeEquals(sent, session.csrfToken) else {
            throw WebError.forbidden(reason: "The form has expired or was not sent from this site. Please try again.")
        }
    }

    /// 303 to the sign-in page, with the requested target as `next` for a GET or HEAD.
    func signInRedirect(for head: RequestHead) -> Response {
        guard head.method == .get || head.method == .head else { return .redirect(to: signInPath) }
        return .redirect(to: signInPath + "?next=" + URLEncodedForm.encode(head.target, keepingSlash: true))
    }

    /// Whether `method` may change state (RFC 9110 §9.2.1: all but GET, HEAD, OPTIONS and TRACE).
    static func isUnsafe(_ method: HTTPMethod) -> Bool {
        ![HTTPMethod.get, .head, .options, HTTPMethod(rawValue: "TRACE")].contains(method)
    }
}
