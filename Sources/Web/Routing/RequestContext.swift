import HTTPWire
import Synchronization

/// Everything a handler gets about one request: the request, its path captures, query and form.
///
/// Made by `WebApplication` for each request and handed to one handler; safe to pass between threads.
public struct RequestContext: Sendable {
    /// The request as received; for a streamed route its body is `.streamed(sink)` after the sink finished.
    public let request: Request
    /// The percent-decoded path captures by name (`:id` → `"id"`).
    public let parameters: [String: String]
    /// The parsed query string (empty when there is none).
    public let query: URLEncodedForm
    /// The live session of the request, when a `SessionGuard` is configured and the request carries one.
    public let session: Session?
    private let lazyForm: LazyForm

    /// A context for `request`; throws `URLEncodedForm.Error` (400) when the query string is malformed.
    public init(request: Request, parameters: [String: String] = [:], session: Session? = nil) throws {
        self.request = request
        self.parameters = parameters
        self.query = try request.head.query.map { try URLEncodedForm(query: $0) } ?? URLEncodedForm()
        self.session = session
        self.lazyForm = LazyForm(request: request)
    }

    /// The capture `name` as text; throws `WebError.notFound` when the route has no such capture.
    public func parameter(_ name: String) throws(WebError) -> String {
        guard let value = parameters[name] else { throw .notFound }
        return value
    }

    /// The capture `name` converted to `type`; throws `WebError.notFound` (404) when it is missing or does not
    /// convert, since a malformed id names no resource.
    public func parameter<Value: LosslessStringConvertible>(
        _ name: String, as type: Value.Type
    ) throws(WebError) -> Value {
        guard let value = Value(try parameter(name)) else { throw .notFound }
        return value
    }

    /// The sink a streamed body was written to (see `BodyPolicy.stream`), as the type its factory made.
    ///
    /// Throws `WebError.badRequest` when the request has no streamed body of that type.
    public func streamedBody<Sink: RequestBodySink>(as type: Sink.Type) throws(WebError) -> Sink {
        guard case .streamed(let sink) = request.body, let typed = sink as? Sink else {
            throw .badRequest(reason: "The request has no upload.")
        }
        return typed
    }

    /// The buffered body parsed as `application/x-www-form-urlencoded`, parsed on first use and kept.
    ///
    /// Throws `WebError.unsupportedMediaType` (415) when the body has another declared content type, and
    /// `URLEncodedForm.Error` (400/413) when it is malformed. An empty body is an empty form.
    public func form() throws -> URLEncodedForm {
        try lazyForm.value()
    }
}

/// Parses a request's form once, on first use; the result is shared by copies of the context.
private final class LazyForm: Sendable {
    private let request: Request
    // The mutex guards the cached result; parsing happens inside it, so at most once.
    private let cache = Mutex<Result<URLEncodedForm, any Error>?>(nil)

    init(request: Request) { self.request = request }

    func value() throws -> URLEncodedForm {
        try cache.withLock { cached in
            if let cached { return try cached.get() }
            let result = Result { try Self.parse(request) }
            cached = result
            return try result.get()
        }
    }

    private static func parse(_ request: Request) throws -> URLEncodedForm {
        let bytes = request.body.bytes
        if bytes.isEmpty { return URLEncodedForm() }
        if let type = request.headers["Content-Type"] {
            let essence = type.split(separator: ";").first.map { String($0) } ?? ""
            guard essence.trimmingOptionalWhitespace().lowercased() == "application/x-www-form-urlencoded" else {
                throw WebError.unsupportedMediaType
            }
        }
        return try URLEncodedForm(parsing: bytes)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs (OWS, RFC 9110 §5.6.3).
    func trimmingOptionalWhitespace() -> String {
        var view = self[...]
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
