import Dispatch
import HTTPWire

/// The web application as the socket server sees it: decides what to do with each body, then answers.
///
/// Built once at start-up from a frozen `Router`, an error-page renderer and options, then shared read-only by
/// every server loop. The server calls `bodyDecision(for:)` when a head is parsed and `respond(to:completion:)`
/// when the body is in; both are safe to call from any thread at once.
public struct WebApplication: Sendable {
    /// The route table.
    public let router: Router
    /// The settings given at start-up.
    public let options: Options
    let errors: ErrorMapping

    /// An application answering with `router`, rendering error pages with `errorPages`.
    public init(router: Router, errorPages: any ErrorPageRenderer = PlainErrorPageRenderer(), options: Options) {
        self.router = router
        self.options = options
        self.errors = ErrorMapping(errorPages: errorPages, logError: options.logError)
    }

    /// What to do with the body of the request whose head is `head`, before any body byte is read.
    ///
    /// Unknown paths (404), wrong methods (405 with `Allow`) and malformed paths (400) are rejected at once; so
    /// is a `Content-Length` above the route's limit (413), or any body on a route that takes none. With a
    /// `SessionGuard`, an unsafe request from another origin gets 403 and a `.signedIn` route without a
    /// session 303 to sign in, also before the body. Otherwise the body is buffered or streamed into a new sink
    /// per the route's `BodyPolicy`; a sink factory that throws rejects the request with the error's page.
    /// Runs on the calling (loop) thread.
    public func bodyDecision(for head: RequestHead) -> BodyDecision {
        switch resolve(head) {
        case .failure(let error):
            return .reject(finish(errors.response(for: error, head: head)))
        case .success(let (route, _)):
            do {
                if case .redirected(let redirect) = try options.sessionGuard?.admit(head, route: route) {
                    return .reject(finish(redirect))
                }
                return try decision(for: route, head: head)
            } catch {
                return .reject(finish(errors.response(for: error, head: head)))
            }
        }
    }

    /// Answers `request` and passes the response to `completion`, exactly once.
    ///
    /// The handler runs on the calling thread, or on `options.offLoopQueue` when its route `runsOffLoop`, and
    /// `completion` is called on that same thread. With a `SessionGuard` the checks of `bodyDecision(for:)` are
    /// repeated and an unsafe request to a `.signedIn` route without its CSRF token gets 403, its handler not
    /// run. Errors become error pages (see `HTTPStatusError`); every response gets the security headers. For
    /// HEAD the GET handler answers and the server drops the body.
    public func respond(to request: Request, completion: @escaping @Sendable (Response) -> Void) {
        switch resolve(request.head) {
        case .failure(let error):
            completion(finish(errors.response(for: error, head: request.head)))
        case .success(let (route, parameters)):
            if route.runsOffLoop {
                options.offLoopQueue.async { completion(answer(request, route: route, parameters: parameters)) }
            } else {
                completion(answer(request, route: route, parameters: parameters))
            }
        }
    }

    /// Answers synchronously on the calling thread, whatever the route's `runsOffLoop`; for tests and tools.
    public func response(to request: Request) -> Response {
        switch resolve(request.head) {
        case .failure(let error): finish(errors.response(for: error, head: request.head))
        case .success(let (route, parameters)): answer(request, route: route, parameters: parameters)
        }
    }

    private func answer(_ request: Request, route: Route, parameters: [String: String]) -> Response {
        // An upload refused before its handler runs (session, origin, token) was already spooled whole; nobody
        // else would delete its files before the next start.
        var isHandled = false
        defer { if !isHandled { Self.discardUpload(of: request) } }
        do {
            var session: Session?
            switch try options.sessionGuard?.admit(request.head, route: route) {
            case .redirected(let redirect): return finish(redirect)
            case .admitted(let live): session = live
            case nil: session = nil
            }
            let context = try RequestContext(request: request, parameters: parameters, session: session)
            if route.access == .signedIn { try options.sessionGuard?.verifyToken(in: context) }
            isHandled = true
            return finish(try route.handler(context))
        } catch {
            return finish(errors.response(for: error, head: request.head))
        }
    }

    /// Deletes the spool files of a finished multipart upload whose handler never ran.
    private static func discardUpload(of request: Request) {
        guard case .streamed(let sink) = request.body, let spooler = sink as? MultipartSpooler, spooler.isFinished
        else { return }
        spooler.formData().removeSpoolFiles()
    }

    private func resolve(_ head: RequestHead) -> Result<(Route, [String: String]), WebError> {
        switch router.resolve(method: head.method, path: head.path) {
        case .matched(let route, let parameters): .success((route, parameters))
        case .notFound: .failure(.notFound)
        case .methodNotAllowed(let allowed): .failure(.methodNotAllowed(allowed: allowed))
        case .malformedPath: .failure(.badRequest(reason: "The address is not a valid path."))
        }
    }

    private func decision(for route: Route, head: RequestHead) throws -> BodyDecision {
        let limit = route.bodyPolicy.limit
        if let declared = head.headers["Content-Length"] {
            // RFC 9110 §8.6: 1*DIGIT. Digits too many for an Int are too large for any route.
            let digits = declared.trimmingOptionalWhitespace()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw WebError.badRequest(reason: "The Content-Length header is not a number.")
            }
            guard let length = Int(digits), length <= limit else { throw WebError.contentTooLarge(limit: limit) }
        }
        switch route.bodyPolicy {
        case .none: return .buffer(limit: 0)
        case .buffer(let limit): return .buffer(limit: limit)
        case .stream(let limit, let makeSink): return .stream(limit: limit, sink: try makeSink(head))
        }
    }

    private func finish(_ response: Response) -> Response {
        options.securityHeaders.apply(to: response)
    }
}
