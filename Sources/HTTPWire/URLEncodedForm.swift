/// The name/value pairs of an `application/x-www-form-urlencoded` body or a query string, in order.
///
/// Parsing follows the WHATWG URL Standard §5.1 ("application/x-www-form-urlencoded parsing") with one
/// deliberate difference: an invalid percent escape (`%zz`, a trailing `%`) or bytes that do not decode as
/// UTF-8 are rejected with a typed error instead of being passed through, so that a malformed request gets 400
/// rather than a guess. A value is immutable once parsed and safe to share between threads.
public struct URLEncodedForm: Sendable {
    /// The pairs in the order they appeared; names may repeat.
    public let pairs: [(name: String, value: String)]

    /// An empty form.
    public init() { pairs = [] }

    /// Parses `bytes`, enforcing `limits`.
    ///
    /// Throws `URLEncodedForm.Error` for more than `limits.maxBytes` bytes or `limits.maxPairs` pairs, an
    /// invalid percent escape, or a name or value that is not UTF-8 after decoding.
    public init(parsing bytes: some Collection<UInt8>, limits: Limits = Limits()) throws(Error) {
        guard bytes.count <= limits.maxBytes else { throw .tooLarge(limit: limits.maxBytes) }
        var pairs: [(name: String, value: String)] = []
        var offset = 0
        // Sequences are separated by `&`; empty sequences (`a=1&&b=2`) are skipped (WHATWG URL §5.1 step 3.1).
        for sequence in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
            defer { offset += sequence.count + 1 }
            if sequence.isEmpty { continue }
            guard pairs.count < limits.maxPairs else { throw .tooManyPairs(limit: limits.maxPairs) }
            let equals = sequence.firstIndex(of: UInt8(ascii: "="))
            let rawName = sequence[..<(equals ?? sequence.endIndex)]
            let rawValue = equals.map { sequence[sequence.index(after: $0)...] } ?? sequence[sequence.endIndex...]
            let name = try Self.decode(rawName, plusAsSpace: true, offset: offset)
            let valueOffset = offset + rawName.count + 1
            let value = try Self.decode(rawValue, plusAsSpace: true, offset: valueOffset)
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// Parses a query string (the part of a request target after `?`, without it); see `init(parsing:limits:)`.
    public init(query: String, limits: Limits = Limits()) throws(Error) {
        try self.init(parsing: Array(query.utf8), limits: limits)
    }

    /// The first value named `name`, or nil.
    public func value(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value named `name`, in order.
    public func values(named name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// Whether no pair was given.
    public var isEmpty: Bool { pairs.isEmpty }

    /// Percent-decodes `bytes` (RFC 3986 §2.1), turning `+` into a space when `plusAsSpace` is set (forms only;
    /// a `+` in a URL path is a plus).
    ///
    /// Throws `.invalidPercentEncoding` for `%` not followed by two hex digits and `.invalidUTF8` when the
    /// decoded bytes are not UTF-8; `offset` is the position of `bytes` in the whole input, for the error.
    public static func decode(
        _ bytes: some Collection<UInt8>, plusAsSpace: Bool, offset: Int = 0
    ) throws(Error) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        var position = offset
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                guard first != bytes.endIndex, let high = hexValue(bytes[first]) else {
                    throw .invalidPercentEncoding(offset: position)
                }
                let second = bytes.index(after: first)
                guard second != bytes.endIndex, let low = hexValue(bytes[second]) else {
                    throw .invalidPercentEncoding(offset: position)
                }
                decoded.append(high << 4 | low)
                index = bytes.index(after: second)
                position += 3
                continue
            }
            decoded.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index = bytes.index(after: index)
            position += 1
        }
        guard let text = String(validating: decoded, as: UTF8.self) else { throw .invalidUTF8(offset: offset) }
        return text
    }

    /// Decodes a percent-encoded string; see `decode(_:plusAsSpace:offset:)`.
    public static func decode(_ text: some StringProtocol, plusAsSpace: Bool) throws(Error) -> String {
        try decode(Array(text.utf8), plusAsSpace: plusAsSpace)
    }

    /// `text` percent-encoded for a query value: unreserved characters (RFC 3986 §2.3) stay, and `/` too when
    /// `keepingSlash` (a path carried in a value stays readable); every other byte becomes `%XX`.
    public static func encode(_ text: String, keepingSlash: Bool = false) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(byte)
            case UInt8(ascii: "/") where keepingSlash:
                encoded.append(byte)
            default:
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension URLEncodedForm {
    /// Bounds on what one form may hold; both have defaults suited to the console's small forms.
    public struct Limits: Sendable {
        /// The most bytes of encoded input accepted (default 64 KiB).
        public var maxBytes: Int
        /// The most name/value pairs accepted (default 256).
        public var maxPairs: Int

        /// Limits with the given values.
        public init(maxBytes: Int = 64 * 1024, maxPairs: Int = 256) {
            self.maxBytes = maxBytes
            self.maxPairs = maxPairs
        }
    }

    /// Why a form could not be parsed; every case is the client's fault and answers 400 or 413.
    public enum Error: Swift.Error, Equatable, HTTPStatusError {
        /// A `%` at `offset` (bytes into the input) is not followed by two hexadecimal digits.
        case invalidPercentEncoding(offset: Int)
        /// The name or value starting at `offset` does not decode to UTF-8.
        case invalidUTF8(offset: Int)
        /// The input holds more than `limit` bytes.
        case tooLarge(limit: Int)
        /// The input holds more than `limit` pairs.
        case tooManyPairs(limit: Int)

        /// 413 for `tooLarge`, 400 otherwise.
        public var status: HTTPStatus {
            if case .tooLarge = self { return .contentTooLarge }
            return .badRequest
        }

        /// A short description naming the problem, with no echo of the input.
        public var publicMessage: String {
            switch self {
            case .invalidPercentEncoding(let offset): "The form has an invalid percent escape at byte \(offset)."
            case .invalidUTF8(let offset): "The form has text that is not UTF-8 at byte \(offset)."
            case .tooLarge(let limit): "The form is larger than \(limit) bytes."
            case .tooManyPairs(let limit): "The form has more than \(limit) fields."
            }
        }
    }
}
