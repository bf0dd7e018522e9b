import HTTPWire

/// The frozen route table: resolves a method and a raw path to a route and its captures.
///
/// Built once by `RouterBuilder.build()` and shared read-only between threads. Resolution scans the routes
/// (a console has a few dozen) and picks the most specific match; see `RoutePattern.specificity`.
public struct Router: Sendable {
    /// The routes in registration order.
    public let routes: [Route]

    /// The outcome of resolving a request.
    public enum Resolution: Sendable {
        /// `route` answers; `parameters` holds the percent-decoded captures.
        case matched(Route, parameters: [String: String])
        /// No route matches the path.
        case notFound
        /// Routes match the path, but none for the method; `allowed` is the sorted `Allow` list.
        case methodNotAllowed(allowed: [HTTPMethod])
        /// The path is not a valid origin-form path or has an invalid percent escape.
        case malformedPath
    }

    /// Resolves `method` on `path` (still percent-encoded, without the query). HEAD is answered by GET.
    public func resolve(method: HTTPMethod, path: String) -> Resolution {
        guard let segments = Self.decodedSegments(of: path) else { return .malformedPath }
        let wanted = method == .head ? HTTPMethod.get : method
        var best: (route: Route, parameters: [String: String])?
        var allowed: Set<String> = []
        for route in routes {
            guard let parameters = route.pattern.match(segments) else { continue }
            allowed.insert(route.method.rawValue)
            guard route.method == wanted else { continue }
            if let current = best,
                !current.route.pattern.specificity.lexicographicallyPrecedes(
                    route.pattern.specificity)
            {
                continue
            }
            best = (route, parameters)
        }
        if let best { return .matched(best.route, parameters: best.parameters) }
        if allowed.isEmpty { return .notFound }
        if allowed.contains(HTTPMethod.get.rawValue) { allowed.insert(HTTPMethod.head.rawValue) }
        return .methodNotAllowed(allowed: allowed.sorted().map(HTTPMethod.init(rawValue:)))
    }

    /// The path's segments, each percent-decoded (a `+` stays a plus), or nil when the path does not start
    /// with `/` or an escape is invalid. `/` alone has no segments.
    static func decodedSegments(of path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        if path == "/" { return [] }
        var segments: [String] = []
        for raw in path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard let decoded = try? URLEncodedForm.decode(raw, plusAsSpace: false) else { return nil }
            segments.append(decoded)
        }
        return segments
    }
}
