/// Collects one part's header block line by line (RFC 2046 §5.1.1, RFC 5322 §2.2 syntax, CRLF line ends).
///
/// Strict by design: a bare CR or LF, a line without a colon, a name that is not a token, a control character
/// in a value and obsolete line folding are all refused, because a form-data sender never produces them.
struct PartHeaderReader {
    private var line: [UInt8] = []
    private var sawCarriageReturn = false
    /// Bytes of the header block read so far.
    private(set) var byteCount = 0
    /// The fields read so far.
    private(set) var headers = HTTPHeaders()

    /// What one byte did.
    enum Step {
        case needMore
        /// The blank line ending the block was read.
        case complete
    }

    init() { line.reserveCapacity(128) }

    /// Reads the byte at body offset `offset`.
    /// - Throws: `.headerTooLarge`, `.tooManyHeaderFields` or `.malformedHeader`.
    mutating func read(_ byte: UInt8, offset: Int, limits: MultipartLimits) throws(MultipartError) -> Step {
        byteCount += 1
        guard byteCount <= limits.maxPartHeaderBytes else {
            throw .headerTooLarge(limit: limits.maxPartHeaderBytes, offset: offset)
        }
        if sawCarriageReturn {
            guard byte == 10 else { throw .malformedHeader(offset: offset) }
            sawCarriageReturn = false
            if line.isEmpty { return .complete }
            try addField(offset: offset)
            guard headers.count <= limits.maxHeaderFieldsPerPart else {
                throw .tooManyHeaderFields(limit: limits.maxHeaderFieldsPerPart, offset: offset)
            }
            line.removeAll(keepingCapacity: true)
        } else if byte == 13 {
            sawCarriageReturn = true
        } else if byte == 10 {
            throw .malformedHeader(offset: offset)
        } else {
            line.append(byte)
        }
        return .needMore
    }

    private mutating func addField(offset: Int) throws(MultipartError) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
            line[..<colon].allSatisfy(HeaderValueScanner.isTokenByte)
        else { throw .malformedHeader(offset: offset) }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 32 || first == 9 { value = value.dropFirst() }
        while let last = value.last, last == 32 || last == 9 { value = value.dropLast() }
        // Field values may hold HTAB and visible bytes, UTF-8 included, but no other control byte.
        guard value.allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else { throw .malformedHeader(offset: offset) }
        headers.add(String(decoding: line[..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self))
    }
}
