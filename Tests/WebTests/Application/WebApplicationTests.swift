import Dispatch
import HTTPWire
import Synchronization
import Testing

@testable import Web

struct WebApplicationTests {
    private let log = LogRecorder()

    private func application(_ configure: (inout RouterBuilder) -> Void) throws -> WebApplication {
        var builder = RouterBuilder()
        configure(&builder)
        return WebApplication(router: try builder.build(), options: .init(logError: log.sink))
    }

    private func rejection(_ decision: BodyDecision) -> Response? {
        if case .reject(let response) = decision { return response }
        return nil
    }

    @Test func unknownPathIsRejectedBeforeTheBody() throws {
        let app = try application { $0.post("/signin") { _ in .text("ok") } }
        let head = RequestHead(method: .post, target: "/nowhere", headers: ["Content-Length": "10"])
        let response = try #require(rejection(app.bodyDecision(for: head)))
        #expect(response.status == .notFound)
        #expect(response.bodyText.contains("404"))
    }

    @Test func wrongMethodIsRejectedWithAllow() throws {
        let app = try application { $0.get("/enrollment/import") { _ in .text("page") } }
        let head = RequestHead(method: .post, target: "/enrollment/import", headers: ["Content-Length": "3"])
        let response = try #require(rejection(app.bodyDecision(for: head)))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD")
        let answered = app.response(to: .make(.put, "/enrollment/import"))
        #expect(answered.status == .methodNotAllowed)
        #expect(answered.headers["Allow"] == "GET, HEAD")
    }

    @Test func contentLengthOverTheLimitIsRejectedBeforeTheBody() throws {
        let app = try application { $0.post("/signin", body: .buffer(limit: 100)) { _ in .text("ok") } }
        let tooBig = RequestHead(method: .post, target: "/signin", headers: ["Content-Length": "101"])
        #expect(rejection(app.bodyDecision(for: tooBig))?.status == .contentTooLarge)
        let fits = RequestHead(method: .post, target: "/signin", headers: ["Content-Length": "100"])
        guard case .buffer(let limit) = app.bodyDecision(for: fits) else {
            Issue.record("expected a buffered body")
            return
        }
        #expect(limit == 100)
        let garbled = RequestHead(method: .post, target: "/signin", headers: ["Content-Length": "ten"])
        #expect(rejection(app.bodyDecision(for: garbled))?.status == .badRequest)
        let signed = RequestHead(method: .post, target: "/signin", headers: ["Content-Length": "+5"])
        #expect(rejection(app.bodyDecision(for: signed))?.status == .badRequest)
        let huge = RequestHead(method: .post, target: "/signin", headers: ["Content-Length": "99999999999999999999999"])
        #expect(rejection(app.bodyDecision(for: huge))?.status == .contentTooLarge)
    }

    @Test func routeWithoutBodyRefusesOneButAllowsNone() throws {
        let app = try application { $0.get("/healthz", access: .public) { _ in .text("ok") } }
        let withBody = RequestHead(method: .get, target: "/healthz", headers: ["Content-Length": "5"])
        #expect(rejection(app.bodyDecision(for: withBody))?.status == .contentTooLarge)
        guard case .buffer(0) = app.bodyDecision(for: RequestHead(method: .get, target: "/healthz")) else {
            Issue.record("a bodiless request should pass with a zero limit")
            return
        }
    }

    @Test func streamedRouteGetsAFreshSinkOrTheFactorysError() throws {
        let app = try application {
            $0.post(
                "/enrollment/import",
                body: .stream(limit: 1000) { head in
                    guard head.headers["Content-Type"]?.hasPrefix("multipart/form-data") == true else {
                        throw WebError.unsupportedMediaType
                    }
                    return RecordingSink()
                }
            ) { _ in .redirect(to: "/enrollment/import/history") }
        }
        let good = RequestHead(
            method: .post, target: "/enrollment/import", headers: ["Content-Type": "multipart/form-data; boundary=x"])
        guard case .stream(let limit, let sink) = app.bodyDecision(for: good) else {
            Issue.record("expected a stream")
            return
        }
        #expect(limit == 1000)
        #expect(sink is RecordingSink)
        let bad = RequestHead(method: .post, target: "/enrollment/import", headers: ["Content-Type": "text/plain"])
        #expect(rejection(app.bodyDecision(for: bad))?.status == .unsupportedMediaType)
    }

    @Test func internalErrorsAreLoggedAndHidden() throws {
        let app = try application { $0.get("/boom") { _ in throw SecretFailure() } }
        let response = app.response(to: .make(.get, "/boom"))
        #expect(response.status == .internalServerError)
        #expect(!response.bodyText.contains("hunter2"))
        #expect(!response.bodyText.contains("SecretFailure"))
        #expect(log.lines.count == 1)
        #expect(log.lines.first?.contains("hunter2") == true)
        #expect(log.lines.first?.contains("GET /boom") == true)
    }

    @Test func statusErrorsShowTheirPublicMessageEscaped() throws {
        let app = try application {
            $0.get("/bad") { _ in throw WebError.badRequest(reason: "<b>Row</b> & co") }
        }
        let response = app.response(to: .make(.get, "/bad"))
        #expect(response.status == .badRequest)
        #expect(response.bodyText.contains("&lt;b&gt;Row&lt;/b&gt; &amp; co"))
        #expect(log.lines.isEmpty)
    }

    @Test func typedParameterGives404ForBadIds() throws {
        let app = try application {
            $0.get("/enrollment/imports/:id") { context in
                .text("import \(try context.parameter("id", as: Int64.self))")
            }
        }
        #expect(app.response(to: .make(.get, "/enrollment/imports/12")).bodyText == "import 12")
        #expect(app.response(to: .make(.get, "/enrollment/imports/12x")).status == .notFound)
        #expect(app.response(to: .make(.get, "/enrollment/imports/99999999999999999999")).status == .notFound)
    }

    @Test func queryAndFormAreParsed() throws {
        let app = try application {
            $0.post("/search") { context in
                .text("\(context.query.value("page") ?? "-") \(try context.form().value("q") ?? "-")")
            }
        }
        let form: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        let response = app.response(to: .make(.post, "/search?page=2", headers: form, body: "q=a+b%21"))
        #expect(response.bodyText == "2 a b!")
        let badQuery = app.response(to: .make(.post, "/search?page=%zz", headers: form, body: ""))
        #expect(badQuery.status == .badRequest)
        let json: HTTPHeaders = ["Content-Type": "application/json"]
        #expect(app.response(to: .make(.post, "/search", headers: json, body: "{}")).status == .unsupportedMediaType)
        #expect(app.response(to: .make(.post, "/search", headers: form, body: "q=%")).status == .badRequest)
    }

    @Test func offLoopRoutesRunOnTheQueueAndComplete() async throws {
        let queue = DispatchQueue(label: "test.off-loop")
        let key = DispatchSpecificKey<Int>()
        queue.setSpecific(key: key, value: 7)
        var builder = RouterBuilder()
        builder.post("/signin", runsOffLoop: true) { _ in
            .text(DispatchQueue.getSpecific(key: key) == 7 ? "off loop" : "on loop")
        }
        builder.get("/inline") { _ in .text(DispatchQueue.getSpecific(key: key) == 7 ? "off loop" : "on loop") }
        let app = WebApplication(
            router: try builder.build(), options: .init(logError: log.sink, offLoopQueue: queue))
        let offLoop = await withCheckedContinuation { continuation in
            app.respond(to: .make(.post, "/signin")) { continuation.resume(returning: $0) }
        }
        #expect(offLoop.bodyText == "off loop")
        #expect(offLoop.headers["X-Frame-Options"] == "DENY")
        let inline = Mutex<Response?>(nil)
        app.respond(to: .make(.get, "/inline")) { response in inline.withLock { $0 = response } }
        #expect(inline.withLock { $0 }?.bodyText == "on loop")
    }

    @Test func streamedRoutesReachTheirSink() throws {
        let app = try application {
            $0.post("/upload", body: .stream(limit: 10) { _ in RecordingSink() }) { context in
                let sink = try context.streamedBody(as: RecordingSink.self)
                return .text("\(sink.bytes.count) bytes")
            }
        }
        let sink = RecordingSink()
        try Array("hello".utf8).withUnsafeBytes { try sink.write($0) }
        let request = Request(head: RequestHead(method: .post, target: "/upload"), body: .streamed(sink))
        #expect(app.response(to: request).bodyText == "5 bytes")
        #expect(app.response(to: .make(.post, "/upload")).status == .badRequest)
    }

    @Test func headIsAnsweredByTheGetHandler() throws {
        let app = try application { $0.get("/healthz", access: .public) { _ in .text("ok") } }
        let response = app.response(to: .make(.head, "/healthz"))
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
    }
}
