/// The boundary of a `multipart/form-data` body: 1–70 bytes of `bchars`, not ending with a space
/// (RFC 2046 §5.1.1).
public struct MultipartBoundary: Sendable, Hashable, CustomStringConvertible {
    /// The boundary as it appears after the leading `--` of each delimiter line.
    public let value: String

    /// Validates `value` as a boundary.
    ///
    /// - Throws: `MultipartError.invalidBoundary` when it is empty, longer than 70 bytes, ends with a space or
    ///   holds a byte outside `bchars`.
    public init(_ value: String) throws(MultipartError) {
        let bytes = Array(value.utf8)
        guard (1...70).contains(bytes.count), bytes.last != UInt8(ascii: " "), bytes.allSatisfy(Self.isBChar) else {
            throw .invalidBoundary
        }
        self.value = value
    }

    public var description: String { value }

    /// Extracts the boundary from a `Content-Type` value such as
    /// `multipart/form-data; charset=utf-8; boundary="----abc"`; the parameter may be a token or a quoted string.
    ///
    /// - Throws: `.notFormData` when the media type is not `multipart/form-data`, `.missingBoundary` when no
    ///   `boundary` parameter is given, `.invalidBoundary` when it is repeated, malformed or breaks RFC 2046.
    public static func parse(contentType: String) throws(MultipartError) -> MultipartBoundary {
        var scanner = HeaderValueScanner(contentType)
        guard let type = scanner.token(), type.lowercased() == "multipart/form-data" else { throw .notFormData }
        var boundary: String?
        while !scanner.isAtEnd {
            guard let (name, value) = scanner.parameter() else { throw .invalidBoundary }
            guard name.lowercased() == "boundary" else { continue }
            // Two boundaries are ambiguous: refuse rather than pick one.
            guard boundary == nil else { throw .invalidBoundary }
            boundary = value
        }
        guard let boundary else { throw .missingBoundary }
        return try MultipartBoundary(boundary)
    }

    /// `bchars` of RFC 2046 §5.1.1: digits, letters, space and `'()+_,-./:=?`.
    static func isBChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        case UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "+"), UInt8(ascii: "_"),
            UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: " "):
            true
        default: false
        }
    }
}
