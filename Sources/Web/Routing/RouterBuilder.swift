import HTTPWire

/// Collects routes at start-up and freezes them into a `Router`.
///
/// Used on one thread while the application is composed; `build()` checks every pattern and refuses
/// conflicting routes, so mistakes stop the start instead of surfacing on some request.
public struct RouterBuilder {
    private var routes: [Route] = []
    private var errors: [Error] = []

    /// An empty builder.
    public init() {}

    /// Registers `handler` for `method` on `pattern`.
    ///
    /// - Parameters:
    ///   - body: what to do with a request body; `.none` unless the route reads a form or an upload.
    ///   - access: `.signedIn` (the default) sends requests without a valid session to sign in when sessions
    ///     are configured; `.public` routes are open.
    ///   - runsOffLoop: run the handler on a background queue, for blocking or slow work.
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, body: BodyPolicy = .none, access: RouteAccess = .signedIn,
        runsOffLoop: Bool = false, handler: @escaping Handler
    ) {
        precondition(method != .head, "HEAD is answered by the GET route")
        do {
            let parsed = try RoutePattern(pattern)
            routes.append(
                Route(
                    method: method, pattern: parsed, bodyPolicy: body, runsOffLoop: runsOffLoop, access: access,
                    handler: handler))
        } catch {
            errors.append(error)
        }
    }

    /// Registers a GET route (which answers HEAD too); it takes no body.
    public mutating func get(
        _ pattern: String, access: RouteAccess = .signedIn, runsOffLoop: Bool = false,
        handler: @escaping Handler
    ) {
        add(.get, pattern, body: .none, access: access, runsOffLoop: runsOffLoop, handler: handler)
    }

    /// Registers a POST route; by default it buffers a URL-encoded form of up to 64 KiB.
    public mutating func post(
        _ pattern: String, body: BodyPolicy = .form, access: RouteAccess = .signedIn, runsOffLoop: Bool = false,
        handler: @escaping Handler
    ) {
        add(.post, pattern, body: body, access: access, runsOffLoop: runsOffLoop, handler: handler)
    }

    /// The frozen router.
    ///
    /// Throws `RouterBuilder.Error.invalidPattern` for the first malformed pattern and `.conflict` when two
    /// routes of one method have the same shape (`/imports/:id` and `/imports/:key` match the same paths).
    public func build() throws(Error) -> Router {
        if let first = errors.first { throw first }
        var seen: [HTTPMethod: [[RoutePattern.Segment]: String]] = [:]
        for route in routes {
            if let earlier = seen[route.method, default: [:]][route.pattern.shape] {
                throw .conflict(method: route.method, earlier, route.pattern.description)
            }
            seen[route.method, default: [:]][route.pattern.shape] = route.pattern.description
        }
        return Router(routes: routes)
    }
}

extension RouterBuilder {
    /// A mistake in the route table, found by `build()`.
    public enum Error: Swift.Error, Equatable {
        /// `pattern` cannot be parsed, for `reason`.
        case invalidPattern(String, reason: String)
        /// Two routes for `method` match the same paths.
        case conflict(method: HTTPMethod, String, String)
    }
}
