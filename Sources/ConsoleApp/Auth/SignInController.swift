import Foundation
import HTTPWire
import Templating
import Web

/// Sign-in and sign-out of admins.
///
/// A failed sign-in never says whether the email or the password was wrong, takes as long either way (an
/// unknown email is checked against a decoy hash), and is throttled per account and per client address.
struct SignInController: Sendable {
    let admins: AdminAccounts
    let sessionGuard: SessionGuard
    let throttle: SignInThrottle
    let pages: PageRenderer
    let now: @Sendable () -> Int64

    static let failureMessage = "That email and password do not match an admin account."

    func register(in router: inout RouterBuilder) {
        let this = self
        router.get("/signin", access: .public) { try this.show($0) }
        router.post("/signin", access: .public, runsOffLoop: true) { try this.signIn($0) }
        router.post("/signout") { try this.signOut($0) }
    }

    func show(_ request: RequestContext) throws -> Response {
        let next = SessionGuard.safeNext(request.query.value("next"))
        if request.session != nil || sessionGuard.session(for: request.request.head) != nil {
            return Response.redirect(to: next)
        }
        return try page(next: next, email: "", message: nil)
    }

    func signIn(_ request: RequestContext) throws -> Response {
        let form = try request.form()
        let email = AdminAccounts.key(form.value("email") ?? "")
        let password = form.value("password") ?? ""
        let next = SessionGuard.safeNext(form.value("next"))
        let address = request.request.remoteAddress
        let wait = throttle.waitTime(account: email, address: address, now: now())
        if wait > 0 {
            let seconds = (wait + 999) / 1000
            return try page(
                next: next, email: email,
                message: "Too many failed sign-ins. Try again in \(seconds) second\(seconds == 1 ? "" : "s").",
                status: .tooManyRequests)
        }
        guard let admin = admins.verify(email: email, password: password) else {
            throttle.recordFailure(account: email, address: address, now: now())
            return try page(next: next, email: email, message: Self.failureMessage, status: .unauthorized)
        }
        throttle.recordSuccess(account: email, address: address)
        let (_, setCookie) = sessionGuard.signIn(userID: admin, for: request.request.head)
        var response = Response.redirect(to: next == "/" ? "/enrollment/import" : next)
        response.headers.add("Set-Cookie", setCookie)
        return response
    }

    func signOut(_ request: RequestContext) throws -> Response {
        var response = Response.redirect(to: "/signin")
        response.headers.add("Set-Cookie", sessionGuard.signOut(for: request.request.head))
        return response
    }

    private func page(next: String, email: String, message: String?, status: HTTPStatus = .ok) throws -> Response {
        let context: TemplateValue = [
            "next": .string(next), "email": .string(email),
            "flash": message.map { ["kind": "error", "message": .string($0)] } ?? .null,
        ]
        return try pages.render(
            title: "Sign in", template: "pages/signin", context: context, section: .none,
            viewer: Viewer(admin: "", csrf: ""), status: status)
    }
}
