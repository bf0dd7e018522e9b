import HTTPWire
import Testing

@testable import Web

struct RouterTests {
    private func router(_ patterns: [(HTTPMethod, String)]) throws -> Router {
        var builder = RouterBuilder()
        for (method, pattern) in patterns {
            builder.add(method, pattern) { _ in .text("\(method) \(pattern)") }
        }
        return try builder.build()
    }

    private func matched(_ resolution: Router.Resolution) -> (pattern: String, parameters: [String: String])? {
        if case .matched(let route, let parameters) = resolution { return (route.pattern.description, parameters) }
        return nil
    }

    @Test func capturesPathParameters() throws {
        let router = try router([
            (.get, "/enrollment/imports/:id"), (.get, "/enrollment/imports/:id/results.csv"),
        ])
        let page = try #require(matched(router.resolve(method: .get, path: "/enrollment/imports/42")))
        #expect(page.pattern == "/enrollment/imports/:id")
        #expect(page.parameters == ["id": "42"])
        let csv = try #require(matched(router.resolve(method: .get, path: "/enrollment/imports/7/results.csv")))
        #expect(csv.pattern == "/enrollment/imports/:id/results.csv")
        #expect(csv.parameters == ["id": "7"])
    }

    @Test func decodesParametersButKeepsPlus() throws {
        let router = try router([(.get, "/users/:email")])
        let match = try #require(matched(router.resolve(method: .get, path: "/users/ana%2Bx%40example.org+y")))
        #expect(match.parameters["email"] == "ana+x@example.org+y")
    }

    @Test func catchAllTakesTheRestDecoded() throws {
        let router = try router([(.get, "/static/*path")])
        let match = try #require(matched(router.resolve(method: .get, path: "/static/css/site%20main.css")))
        #expect(match.parameters["path"] == "css/site main.css")
        #expect(matched(router.resolve(method: .get, path: "/static")) == nil)
    }

    @Test func literalWinsOverParameter() throws {
        let router = try router([(.get, "/enrollment/imports/:id"), (.get, "/enrollment/imports/new")])
        #expect(
            matched(router.resolve(method: .get, path: "/enrollment/imports/new"))?.pattern == "/enrollment/imports/new"
        )
        #expect(
            matched(router.resolve(method: .get, path: "/enrollment/imports/9"))?.pattern == "/enrollment/imports/:id")
    }

    @Test(arguments: ["/nope", "/enrollment/imports", "/enrollment/imports/1/", "/enrollment/imports/1/x"])
    func unknownPathsAreNotFound(path: String) throws {
        let router = try router([(.get, "/enrollment/imports/:id"), (.get, "/")])
        guard case .notFound = router.resolve(method: .get, path: path) else {
            Issue.record("expected not found for \(path)")
            return
        }
    }

    @Test func rootMatchesOnlyRoot() throws {
        let router = try router([(.get, "/")])
        #expect(matched(router.resolve(method: .get, path: "/"))?.pattern == "/")
    }

    @Test func wrongMethodListsAllowedMethods() throws {
        let router = try router([(.get, "/enrollment/import"), (.post, "/enrollment/import")])
        guard case .methodNotAllowed(let allowed) = router.resolve(method: .delete, path: "/enrollment/import") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.get, .head, .post])
    }

    @Test func headIsAnsweredByGet() throws {
        let router = try router([(.get, "/healthz"), (.post, "/signin")])
        #expect(matched(router.resolve(method: .head, path: "/healthz"))?.pattern == "/healthz")
        guard case .methodNotAllowed(let allowed) = router.resolve(method: .head, path: "/signin") else {
            Issue.record("expected 405 for HEAD on a POST-only route")
            return
        }
        #expect(allowed == [.post])
    }

    @Test(arguments: ["/a/%zz", "/a/%4", "relative", "/a/%FF"])
    func malformedPathsAreReported(path: String) throws {
        let router = try router([(.get, "/a/:x")])
        guard case .malformedPath = router.resolve(method: .get, path: path) else {
            Issue.record("expected malformed path for \(path)")
            return
        }
    }

    @Test func conflictingRoutesAreRefused() {
        var builder = RouterBuilder()
        builder.get("/imports/:id") { _ in .text("a") }
        builder.get("/imports/:key") { _ in .text("b") }
        #expect(throws: RouterBuilder.Error.conflict(method: .get, "/imports/:id", "/imports/:key")) {
            try builder.build()
        }
    }

    @Test func sameShapeForDifferentMethodsIsFine() throws {
        var builder = RouterBuilder()
        builder.get("/imports/:id") { _ in .text("a") }
        builder.post("/imports/:id") { _ in .text("b") }
        #expect(try builder.build().routes.count == 2)
    }

    @Test(arguments: ["no-slash", "/a/:", "/a/*", "/a/*rest/b", "/a/:x/:x"])
    func invalidPatternsAreRefused(pattern: String) {
        var builder = RouterBuilder()
        builder.get(pattern) { _ in .text("x") }
        #expect(throws: RouterBuilder.Error.self) { try builder.build() }
    }
}
