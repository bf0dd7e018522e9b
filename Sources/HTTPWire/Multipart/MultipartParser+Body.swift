#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension MultipartParser {
    /// Reports body bytes up to the next delimiter, or to the end of `input`; returns where it stopped.
    ///
    /// Finds candidates with `memchr` for CR (the delimiter's only CR is its first byte) and confirms them with
    /// `memcmp`. A delimiter cut by the end of `input` is held back as `matched` and completed by the next call.
    mutating func scanBody(
        _ input: UnsafeRawBufferPointer, from start: Int, matched: Int,
        _ handle: (MultipartEvent) throws(MultipartError) -> Void
    ) throws(MultipartError) -> Int {
        guard let base = input.baseAddress else { return start }
        let count = input.count
        if matched > 0 {
            let wanted = delimiter.count - matched
            let available = min(wanted, count - start)
            if delimiterMatches(base + start, from: matched, count: available) {
                state =
                    available == wanted ? .boundaryLine(.start, isPartOpen: true) : .body(matched: matched + available)
                return start + available
            }
            // The held bytes were data. No delimiter can begin inside them except at their CR, which just failed,
            // so scanning resumes at `start`.
            try reportDelimiterPrefix(matched, handle)
            state = .body(matched: 0)
            return start
        }
        var search = start
        while search < count, let found = memchr(base + search, 13, count - search) {
            let candidate = base.distance(to: UnsafeRawPointer(found))
            let available = min(delimiter.count, count - candidate)
            if delimiterMatches(base + candidate, from: 0, count: available) {
                if candidate > start {
                    try handle(.partData(UnsafeRawBufferPointer(rebasing: input[start..<candidate])))
                }
                state =
                    available == delimiter.count ? .boundaryLine(.start, isPartOpen: true) : .body(matched: available)
                return candidate + available
            }
            search = candidate + 1
        }
        try handle(.partData(UnsafeRawBufferPointer(rebasing: input[start..<count])))
        return count
    }

    /// Reads one byte after a delimiter: `--` closes the body, transport padding and CRLF start a part, and
    /// anything else makes the delimiter data (or an error before the first part). Returns whether the byte was
    /// consumed; when it was not, it is read again in the body.
    mutating func readBoundaryLine(
        _ byte: UInt8, _ line: BoundaryLine, isPartOpen: Bool, offset: Int,
        _ handle: (MultipartEvent) throws(MultipartError) -> Void
    ) throws(MultipartError) -> Bool {
        let isSpace = byte == 32 || byte == 9
        switch line {
        case .start:
            padding.removeAll(keepingCapacity: true)
            if byte == UInt8(ascii: "-") {
                state = .boundaryLine(.dash, isPartOpen: isPartOpen)
                return true
            }
            if isSpace {
                padding.append(byte)
                state = .boundaryLine(.padding, isPartOpen: isPartOpen)
                return true
            }
            if byte == 13 {
                state = .boundaryLine(.carriageReturn, isPartOpen: isPartOpen)
                return true
            }
        case .dash:
            if byte == UInt8(ascii: "-") {
                if isPartOpen { try handle(.partEnd) }
                state = .epilogue
                return true
            }
        case .padding:
            if isSpace && padding.count < Self.maxTransportPadding {
                padding.append(byte)
                return true
            }
            if byte == 13 {
                state = .boundaryLine(.carriageReturn, isPartOpen: isPartOpen)
                return true
            }
        case .carriageReturn:
            if byte == 10 {
                try beginPart(isPartOpen: isPartOpen, offset: offset, handle)
                return true
            }
        }
        guard isPartOpen else { throw .malformedBoundaryLine(offset: offset) }
        // Not a boundary after all (RFC 2046 §5.1.1 requires `--` or CRLF after it): what was held is data.
        try reportDelimiterPrefix(delimiter.count, handle)
        // `delimiter[3]` is the second dash of `CRLF--`.
        if line == .dash { try reportBytes(delimiter[3...3], handle) }
        if !padding.isEmpty { try reportBytes(padding[...], handle) }
        // A held CR may begin the next delimiter: it is the first byte of a new partial match.
        state = .body(matched: line == .carriageReturn ? 1 : 0)
        return false
    }

    private mutating func beginPart(
        isPartOpen: Bool, offset: Int, _ handle: (MultipartEvent) throws(MultipartError) -> Void
    ) throws(MultipartError) {
        if isPartOpen { try handle(.partEnd) }
        guard partCount < limits.maxParts else { throw .tooManyParts(limit: limits.maxParts, offset: offset) }
        partCount += 1
        header = PartHeaderReader()
        state = .headers
    }

    private func delimiterMatches(_ bytes: UnsafeRawPointer, from start: Int, count: Int) -> Bool {
        delimiter.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes, count) == 0 }
    }

    private func reportDelimiterPrefix(
        _ count: Int, _ handle: (MultipartEvent) throws(MultipartError) -> Void
    ) throws(MultipartError) {
        try reportBytes(delimiter[..<count], handle)
    }

    private func reportBytes(
        _ bytes: ArraySlice<UInt8>, _ handle: (MultipartEvent) throws(MultipartError) -> Void
    ) throws(MultipartError) {
        var failure: MultipartError?
        bytes.withUnsafeBytes { buffer in
            do throws(MultipartError) { try handle(.partData(buffer)) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
