import HTTPWire
import Testing

@testable import Web

/// Sessions, sign-in redirects, origin and CSRF checks, through the whole application.
struct SessionGuardTests {
    private let clock = ManualClock()
    private let store: SessionStore
    private let app: WebApplication
    private let handled = LogRecorder()
    private let cookie = SessionCookie(isSecure: false)

    /// A sink for uploads that found a CSRF token in its body.
    final class TokenSink: CSRFTokenCarrying {
        let csrfToken: String?
        init(token: String?) { csrfToken = token }
        func write(_ bytes: UnsafeRawBufferPointer) throws {}
        func finish() throws {}
        func abandon() {}
    }

    init() throws {
        store = SessionStore(now: clock.now)
        var builder = RouterBuilder()
        let note = handled.sink
        let record: @Sendable (String) -> Response = { name in
            note(name)
            return .text(name)
        }
        builder.get("/healthz", access: .public) { _ in record("health") }
        builder.get("/signin", access: .public) { _ in record("signin page") }
        builder.post("/signin", access: .public) { _ in record("signin") }
        builder.get("/enrollment/import") { context in record("import for \(context.session?.userID ?? "-")") }
        builder.post("/enrollment/invite") { _ in record("invite") }
        builder.post("/enrollment/import", body: .stream(limit: 100) { _ in TokenSink(token: nil) }) { _ in
            record("upload")
        }
        let sessionGuard = SessionGuard(store: store, cookie: cookie, origins: OriginPolicy())
        app = WebApplication(
            router: try builder.build(), options: .init(logError: { _ in }, sessionGuard: sessionGuard))
    }

    private func headers(for session: Session?, _ extra: HTTPHeaders = [:]) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Host": "console.local"]
        if let session { headers.add("Cookie", "session=\(session.id)") }
        for field in extra { headers.add(field.name, field.value) }
        return headers
    }

    private var formType: HTTPHeaders { ["Content-Type": "application/x-www-form-urlencoded"] }

    @Test func publicRoutesAreOpen() {
        #expect(app.response(to: .make(.get, "/healthz")).bodyText == "health")
        #expect(app.response(to: .make(.post, "/signin", headers: ["Host": "h"], body: "user=a")).bodyText == "signin")
    }

    @Test func signedInRoutesSendStrangersToSignIn() {
        let response = app.response(to: .make(.get, "/enrollment/import?tab=a b&x=1", headers: headers(for: nil)))
        #expect(response.status == .seeOther)
        #expect(response.headers["Location"] == "/signin?next=/enrollment/import%3Ftab%3Da%20b%26x%3D1")
        #expect(response.headers["X-Frame-Options"] == "DENY")
        guard case .reject(let early) = app.bodyDecision(for: RequestHead(method: .post, target: "/enrollment/import"))
        else {
            Issue.record("an upload without a session must be refused before its body")
            return
        }
        #expect(early.status == .seeOther)
        #expect(early.headers["Location"] == "/signin")
        #expect(handled.lines.isEmpty)
    }

    @Test func validSessionReachesTheHandler() {
        let session = store.signIn(userID: "admin@example.org")
        let response = app.response(to: .make(.get, "/enrollment/import", headers: headers(for: session)))
        #expect(response.bodyText == "import for admin@example.org")
    }

    @Test func expiredOrForgedSessionsAreSentToSignIn() {
        let session = store.signIn(userID: "a")
        clock.advance(by: .seconds(31 * 60))
        #expect(app.response(to: .make(.get, "/enrollment/import", headers: headers(for: session))).status == .seeOther)
        let forged = app.response(
            to: .make(.get, "/enrollment/import", headers: ["Cookie": "session=\(SessionToken.make())"]))
        #expect(forged.status == .seeOther)
    }

    @Test func postWithTheFormTokenIsHandled() {
        let session = store.signIn(userID: "a")
        let body = "emails=a%40b.org&_csrf=\(session.csrfToken)"
        let response = app.response(
            to: .make(.post, "/enrollment/invite", headers: headers(for: session, formType), body: body))
        #expect(response.bodyText == "invite")
        let viaHeader = app.response(
            to: .make(.post, "/enrollment/invite", headers: headers(for: session, ["X-CSRF-Token": session.csrfToken])))
        #expect(viaHeader.bodyText == "invite")
    }

    @Test(arguments: ["", "_csrf=", "_csrf=wrong", "other=1"])
    func postWithoutTheRightTokenIsForbidden(body: String) {
        let session = store.signIn(userID: "a")
        let other = store.signIn(userID: "b")
        let response = app.response(
            to: .make(.post, "/enrollment/invite", headers: headers(for: session, formType), body: body))
        #expect(response.status == .forbidden)
        let crossed = app.response(
            to: .make(
                .post, "/enrollment/invite", headers: headers(for: session, formType), body: "_csrf=\(other.csrfToken)")
        )
        #expect(crossed.status == .forbidden)
        #expect(handled.lines.isEmpty)
    }

    @Test func streamedUploadsAreCheckedThroughTheirSink() {
        let session = store.signIn(userID: "a")
        let good = Request(
            head: RequestHead(method: .post, target: "/enrollment/import", headers: headers(for: session)),
            body: .streamed(TokenSink(token: session.csrfToken)))
        #expect(app.response(to: good).bodyText == "upload")
        let bad = Request(
            head: RequestHead(method: .post, target: "/enrollment/import", headers: headers(for: session)),
            body: .streamed(TokenSink(token: "nope")))
        #expect(app.response(to: bad).status == .forbidden)
    }

    @Test func foreignOriginIsForbiddenBeforeTheBody() {
        let session = store.signIn(userID: "a")
        let head = RequestHead(
            method: .post, target: "/enrollment/invite",
            headers: headers(for: session, ["Origin": "http://evil.example", "Content-Length": "10"]))
        guard case .reject(let response) = app.bodyDecision(for: head) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(response.status == .forbidden)
        let signIn = app.response(to: .make(.post, "/signin", headers: ["Host": "console.local", "Origin": "null"]))
        #expect(signIn.status == .forbidden)
        #expect(handled.lines.isEmpty)
    }

    @Test func signInReplacesTheSessionAndSignOutEndsIt() throws {
        let sessionGuard = try #require(app.options.sessionGuard)
        let planted = store.signIn(userID: "someone")
        let head = RequestHead(method: .post, target: "/signin", headers: headers(for: planted))
        let (session, setCookie) = sessionGuard.signIn(userID: "admin", for: head)
        #expect(session.id != planted.id)
        #expect(store.session(id: planted.id) == nil)
        #expect(setCookie == "session=\(session.id); Path=/; HttpOnly; SameSite=Lax")
        let out = RequestHead(method: .post, target: "/signout", headers: headers(for: session))
        #expect(sessionGuard.signOut(for: out).hasPrefix("session=; Max-Age=0"))
        #expect(store.session(id: session.id) == nil)
    }

    @Test(
        arguments: [
            ("/enrollment/import", "/enrollment/import"), (nil, "/"), ("https://evil.example", "/"),
            ("//evil.example", "/"), ("/\\evil.example", "/"), ("", "/"),
        ] as [(String?, String)])
    func nextAcceptsOnlyLocalPaths(next: String?, expected: String) {
        #expect(SessionGuard.safeNext(next) == expected)
    }
}
