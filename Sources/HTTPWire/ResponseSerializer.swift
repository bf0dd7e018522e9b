/// Writes response heads (and in-memory bodies) as HTTP/1.1 bytes (RFC 9112 §4, §6).
///
/// A value owned by one event loop, holding its `Date` cache. The framing fields are the serializer's alone:
/// `Date`, `Content-Length`, `Transfer-Encoding` and `Connection` set by the application are dropped and replaced.
/// Fields whose name is not a token or whose value holds CR, LF or another control character are dropped too, so an
/// application value can never split a response.
public struct ResponseSerializer: Sendable {
    private var dateCache = HTTPDateCache()

    public init() {}

    /// Whether a response with `status` to a `method` request carries body bytes (RFC 9110 §6.4.1): never for HEAD,
    /// 1xx, 204 or 304.
    public static func hasBody(status: HTTPStatus, method: HTTPMethod) -> Bool {
        method != .head && !Self.isBodiless(status)
    }

    private static func isBodiless(_ status: HTTPStatus) -> Bool {
        status.code < 200 || status.code == 204 || status.code == 304
    }

    /// Appends the status line and header section of `response` to `buffer`, then its body when it is `.bytes` and a
    /// body is allowed.
    ///
    /// - Parameters:
    ///   - method: the request's method; HEAD gets the `Content-Length` of the body it would have had, and no body.
    ///   - minorVersion: the request's minor version; an HTTP/1.0 client staying open is told `keep-alive`.
    ///   - isKeepAlive: false adds `Connection: close`.
    ///   - epochSeconds: the current time, for `Date`.
    /// - Returns: whether the caller must still send a `.file` body after these bytes.
    @discardableResult
    public mutating func write(
        _ response: Response, method: HTTPMethod, minorVersion: Int, isKeepAlive: Bool, epochSeconds: Int,
        into buffer: inout [UInt8]
    ) -> Bool {
        let status = response.status
        buffer.append(contentsOf: "HTTP/1.1 ".utf8)
        Self.appendDecimal(status.code, to: &buffer)
        buffer.append(0x20)
        buffer.append(contentsOf: status.reasonPhrase.utf8)
        buffer.append(contentsOf: "\r\nDate: ".utf8)
        buffer.append(contentsOf: dateCache.bytes(epochSeconds: epochSeconds))
        buffer.append(contentsOf: "\r\n".utf8)
        var declaredLength: String?
        for (name, value) in response.headers {
            if Self.isFramingField(name) {
                if HTTPHeaders.namesMatch(name, "Content-Length") { declaredLength = value }
                continue
            }
            guard Self.isSafe(name: name, value: value) else { continue }
            buffer.append(contentsOf: name.utf8)
            buffer.append(contentsOf: ": ".utf8)
            buffer.append(contentsOf: value.utf8)
            buffer.append(contentsOf: "\r\n".utf8)
        }
        if !Self.isBodiless(status) {
            buffer.append(contentsOf: "Content-Length: ".utf8)
            // A HEAD answer may state the length of a body it does not hold (RFC 9110 §8.6).
            if method == .head, response.body.count == 0, let declaredLength,
                BodyFraming.parseContentLength(Array(declaredLength.utf8)) != nil
            {
                buffer.append(contentsOf: declaredLength.utf8)
            } else {
                Self.appendDecimal(response.body.count, to: &buffer)
            }
            buffer.append(contentsOf: "\r\n".utf8)
        }
        if !isKeepAlive {
            buffer.append(contentsOf: "Connection: close\r\n".utf8)
        } else if minorVersion == 0 {
            buffer.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        buffer.append(contentsOf: "\r\n".utf8)
        guard Self.hasBody(status: status, method: method) else { return false }
        switch response.body {
        case .empty: return false
        case .bytes(let bytes):
            buffer.append(contentsOf: bytes)
            return false
        case .file: return true
        }
    }

    /// Whether the application's response carries `Connection: close`, asking the server to close after it.
    public static func asksToClose(_ response: Response) -> Bool {
        var close = false
        for field in response.headers.fields where HTTPHeaders.namesMatch(field.name, "Connection") {
            field.value.forEachCommaSeparatedToken { if HTTPHeaders.namesMatch(String($0), "close") { close = true } }
        }
        return close
    }

    /// Appends `HTTP/1.1 100 Continue` and its empty header section (RFC 9110 §15.2.1).
    public static func writeContinue(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
    }

    private static func isFramingField(_ name: String) -> Bool {
        HTTPHeaders.namesMatch(name, "Content-Length") || HTTPHeaders.namesMatch(name, "Transfer-Encoding")
            || HTTPHeaders.namesMatch(name, "Connection") || HTTPHeaders.namesMatch(name, "Date")
    }

    private static func isSafe(name: String, value: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(ByteClass.isToken)
            && value.utf8.allSatisfy { ByteClass.isFieldVisible($0) || ByteClass.isWhitespace($0) }
    }

    /// Appends the decimal digits of a non-negative `value`.
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        precondition(value >= 0, "negative length or status")
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            buffer.append(UInt8(0x30 + value / divisor % 10))
            divisor /= 10
        }
    }
}
