import HTTPWire
import Testing

@testable import Web

struct SecurityHeadersTests {
    private static let expectedPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    @Test func everyKindOfResponseCarriesTheHeaders() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("site.css", "body{}")
        let files = try StaticFiles(root: folder.path)
        var builder = RouterBuilder()
        builder.get("/page") { _ in .html("<p>hi</p>") }
        builder.post("/form") { _ in .redirect(to: "/page") }
        builder.get("/boom") { _ in throw SecretFailure() }
        builder.get("/results.csv") { _ in .download(bytes: [65], fileName: "r.csv", contentType: "text/csv") }
        builder.get("/static/*path", access: .public, handler: files.handler())
        let app = WebApplication(router: try builder.build(), options: .init(logError: { _ in }))

        let responses = [
            app.response(to: .make(.get, "/page")),
            app.response(to: .make(.post, "/form")),
            app.response(to: .make(.get, "/boom")),
            app.response(to: .make(.get, "/missing")),
            app.response(to: .make(.delete, "/page")),
            app.response(to: .make(.get, "/results.csv")),
            app.response(to: .make(.get, "/static/site.css")),
            app.response(to: .make(.get, "/a/%zz")),
        ]
        #expect(responses.map(\.status.code) == [200, 303, 500, 404, 405, 200, 200, 400])
        for response in responses {
            #expect(response.headers["Content-Security-Policy"] == Self.expectedPolicy)
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(response.headers["Referrer-Policy"] == "same-origin")
            #expect(response.headers["X-Frame-Options"] == "DENY")
            #expect(response.headers.values(named: "Cache-Control").count == 1)
        }
        #expect(responses[0].headers["Cache-Control"] == "no-store")
        #expect(responses[2].headers["Cache-Control"] == "no-store")
        #expect(responses[6].headers["Cache-Control"] == "public, max-age=3600")

        let rejected = app.bodyDecision(for: RequestHead(method: .get, target: "/missing"))
        guard case .reject(let response) = rejected else {
            Issue.record("expected a rejection")
            return
        }
        #expect(response.headers["Content-Security-Policy"] == Self.expectedPolicy)
    }

    @Test func handlerCannotWeakenThePolicy() {
        var response = Response.html("x")
        response.headers.set("X-Frame-Options", "ALLOWALL")
        let secured = SecurityHeaders.standard.apply(to: response)
        #expect(secured.headers.values(named: "X-Frame-Options") == ["DENY"])
    }
}
