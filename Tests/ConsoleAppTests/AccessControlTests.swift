import Foundation
import HTTPWire
import Testing
import Web

@testable import ConsoleApp

/// Admin sign-in over loopback: every page but the public ones needs a session, sign-in sets a safe cookie,
/// failures say nothing about which half was wrong and are throttled, sign-out ends the session.
struct AccessControlTests {
    /// A route's pattern with its captures replaced by real values: `:id` by an operation of its kind, `:name`
    /// by a message in the outbox. A capture the test does not know is left in place and reported.
    private static func concretePath(_ pattern: String, _ console: TestConsole, importID: Int64, inviteID: Int64)
        -> String
    {
        let id = pattern.hasPrefix("/enrollment/invites/") ? inviteID : importID
        let path = pattern.replacingOccurrences(of: ":id", with: String(id))
            .replacingOccurrences(of: ":name", with: console.outbox.first ?? "none.eml")
        if path.contains("/:") { Issue.record("no value for a capture of \(pattern); teach concretePath") }
        return path
    }

    /// A console with one finished import and one finished invite, and their ids.
    private static func consoleWithOperations() throws -> (TestConsole, importID: Int64, inviteID: Int64) {
        let console = try TestConsole()
        let (client, csrf) = try console.signedInClient()
        let imported = try console.run(
            "Email ID,First Name,Last Name,User Status\nann@example.com,Ann,Lee,New\n", client: client, csrf: csrf)
        let invited = try console.run(
            "bob@example.com\n", named: "invite.txt", to: .bulkInvite, client: client, csrf: csrf)
        return (console, imported.id, invited.id)
    }

    @Test func everyPrivateRouteSendsAnonymousVisitorsToSignInAndChangesNothing() throws {
        let (console, importID, inviteID) = try Self.consoleWithOperations()
        defer { console.stop() }
        let usersBefore = console.repository.userCount
        let operationsBefore = console.operationCount
        let outboxBefore = console.outbox
        let anonymous = LoopbackHTTPClient(port: UInt16(console.port))
        let routes = console.application.web.router.routes.filter { $0.access == .signedIn }
        #expect(routes.count >= 20)
        for route in routes {
            let path = Self.concretePath(route.pattern.description, console, importID: importID, inviteID: inviteID)
            if route.method == .get {
                let response = try anonymous.get(path)
                #expect(response.status == 303, "GET \(path)")
                #expect(response.location?.hasPrefix("/signin?next=") == true, "GET \(path)")
                #expect(response.location == "/signin?next=" + path, "GET \(path)")
            } else {
                let response = try anonymous.post(path, form: [("resend", "on")])
                #expect([303, 403].contains(response.status), "\(route.method) \(path)")
                if response.status == 303 { #expect(response.location?.hasPrefix("/signin") == true) }
            }
            #expect(anonymous.cookies["session"] == nil)
        }
        console.waitForJobs()
        #expect(console.repository.userCount == usersBefore)
        #expect(console.operationCount == operationsBefore)
        #expect(console.outbox == outboxBefore)
    }

    @Test func everyPrivatePageAnswersASignedInAdmin() throws {
        let (console, importID, inviteID) = try Self.consoleWithOperations()
        defer { console.stop() }
        let (client, _) = try console.signedInClient()
        let routes = console.application.web.router.routes.filter { $0.access == .signedIn && $0.method == .get }
        for route in routes {
            let path = Self.concretePath(route.pattern.description, console, importID: importID, inviteID: inviteID)
            var response = try client.get(path)
            if response.isRedirect {
                #expect(response.location?.hasPrefix("/signin") == false, "GET \(path)")
                response = try client.follow(response)
            }
            #expect(response.status == 200, "GET \(path)")
            #expect(response.header("Content-Security-Policy")?.contains("default-src 'self'") == true, "\(path)")
            #expect(response.header("X-Content-Type-Options") == "nosniff", "GET \(path)")
        }
    }

    @Test(arguments: ["/healthz", "/signin", "/static/css/console.css", "/static/js/console.js"])
    func publicPagesNeedNoSession(path: String) throws {
        let console = try TestConsole()
        defer { console.stop() }
        let response = try LoopbackHTTPClient(port: UInt16(console.port)).get(path)
        #expect(response.status == 200)
    }

    @Test func rightPasswordSetsASafeCookieWithANewSessionEachTime() throws {
        let console = try TestConsole()
        defer { console.stop() }
        var sessions: [String] = []
        for _ in 0..<2 {
            let client = LoopbackHTTPClient(port: UInt16(console.port))
            let response = try client.post(
                "/signin",
                form: [
                    ("email", TestConsole.adminEmail), ("password", TestConsole.adminPassword),
                    ("next", "/enrollment/users"),
                ])
            #expect(response.status == 303)
            #expect(response.location == "/enrollment/users")
            let cookie = try #require(response.headers(named: "Set-Cookie").first { $0.hasPrefix("session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite="))
            sessions.append(try #require(client.cookies["session"]))
            #expect(try client.get("/enrollment/users").status == 200)
        }
        #expect(sessions[0] != sessions[1])
        #expect(sessions.allSatisfy { $0.count >= 20 })
    }

    @Test func signingInAgainReplacesTheSessionTheBrowserHad() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, _) = try console.signedInClient()
        let first = try #require(client.cookies["session"])
        _ = try client.post(
            "/signin", form: [("email", TestConsole.adminEmail), ("password", TestConsole.adminPassword)])
        let second = try #require(client.cookies["session"])
        #expect(first != second)
        let stale = LoopbackHTTPClient(port: UInt16(console.port))
        stale.cookies.set("session", first)
        #expect(try stale.get("/enrollment/import").status == 303)
    }

    @Test func wrongEmailAndWrongPasswordAreAnsweredAlike() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let client = LoopbackHTTPClient(port: UInt16(console.port))
        let wrongEmail = try client.post(
            "/signin", form: [("email", "nobody@example.com"), ("password", TestConsole.adminPassword)])
        let wrongPassword = try client.post(
            "/signin", form: [("email", TestConsole.adminEmail), ("password", "not-the-password")])
        #expect(wrongEmail.status == wrongPassword.status)
        #expect(wrongEmail.status == 401)
        #expect(wrongEmail.text.contains(SignInController.failureMessage))
        #expect(wrongPassword.text.contains(SignInController.failureMessage))
        #expect(Self.flash(in: wrongEmail.text) == Self.flash(in: wrongPassword.text))
        #expect(wrongEmail.headers(named: "Set-Cookie").isEmpty)
        #expect(client.cookies["session"] == nil)
    }

    @Test func sixthAttemptAfterFiveFailuresIsThrottledEvenWithTheRightPassword() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let client = LoopbackHTTPClient(port: UInt16(console.port))
        for attempt in 1...5 {
            let response = try client.post(
                "/signin", form: [("email", TestConsole.adminEmail), ("password", "guess-\(attempt)")])
            #expect(response.status == 401, "attempt \(attempt)")
        }
        let sixth = try client.post(
            "/signin", form: [("email", TestConsole.adminEmail), ("password", TestConsole.adminPassword)])
        #expect(sixth.status == 429)
        #expect(sixth.text.contains("Too many failed sign-ins"))
        #expect(client.cookies["session"] == nil)
    }

    @Test(arguments: ["https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"])
    func nextPointingElsewhereIsNotFollowed(next: String) throws {
        let console = try TestConsole()
        defer { console.stop() }
        let client = LoopbackHTTPClient(port: UInt16(console.port))
        let response = try client.post(
            "/signin",
            form: [("email", TestConsole.adminEmail), ("password", TestConsole.adminPassword), ("next", next)])
        #expect(response.status == 303)
        let location = try #require(response.location)
        #expect(location.hasPrefix("/") && !location.hasPrefix("//") && !location.hasPrefix("/\\"))
        #expect(!location.contains("evil.example"))
        let again = try client.get("/signin?next=" + URLEncodedForm.encode(component: next))
        #expect(again.location?.contains("evil.example") == false)
    }

    @Test func signOutEndsTheSession() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        let session = try #require(client.cookies["session"])
        let response = try client.post("/signout", form: [("_csrf", csrf)])
        #expect(response.status == 303)
        #expect(response.location == "/signin")
        #expect(client.cookies["session"] == nil)
        let oldCookie = LoopbackHTTPClient(port: UInt16(console.port))
        oldCookie.cookies.set("session", session)
        let page = try oldCookie.get("/enrollment/import")
        #expect(page.status == 303)
        #expect(page.location == "/signin?next=/enrollment/import")
    }

    /// The text of the page's flash message.
    private static func flash(in html: String) -> String? {
        guard let start = html.range(of: "role=\"alert\">") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "<" })
    }
}
