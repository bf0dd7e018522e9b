import HTTPWire

/// The failures the Web layer itself answers, each with its status and a message safe to show.
///
/// Handlers may throw these too (e.g. `.notFound` for an unknown record); any other `HTTPStatusError`
/// works the same way, and every other error becomes a logged 500 (see `ErrorMapping`).
public enum WebError: Error, Equatable, HTTPStatusError {
    /// No route, record or file answers this path: 404.
    case notFound
    /// A route exists for the path but not for the method; `allowed` lists those that do: 405.
    case methodNotAllowed(allowed: [HTTPMethod])
    /// The request is malformed; `reason` is shown to the client and must not echo its input: 400.
    case badRequest(reason: String)
    /// The body announced or sent is larger than `limit` bytes, or the route takes no body: 413.
    case contentTooLarge(limit: Int)
    /// The body's media type is not one the route reads: 415.
    case unsupportedMediaType
    /// The request is refused (missing or wrong CSRF token, foreign origin): 403.
    case forbidden(reason: String)

    /// The status this error is answered with.
    public var status: HTTPStatus {
        switch self {
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .badRequest: .badRequest
        case .contentTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .forbidden: .forbidden
        }
    }

    /// A short message for the error page.
    public var publicMessage: String {
        switch self {
        case .notFound: "The page you asked for does not exist."
        case .methodNotAllowed: "This page does not accept that kind of request."
        case .badRequest(let reason): reason
        case .contentTooLarge(let limit):
            limit == 0 ? "This page does not accept a request body." : "The request is larger than \(limit) bytes."
        case .unsupportedMediaType: "The request body has a type this page does not read."
        case .forbidden(let reason): reason
        }
    }
}
