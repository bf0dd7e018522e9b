/// One step of `ChunkedDecoder.decode(_:)`.
public enum ChunkedDecodeStep: Sendable, Equatable {
    /// `buffer[range]` is body data; everything before `range.upperBound` was used. Call again with the rest.
    case data(Range<Int>)
    /// Every byte of the buffer was used and the body is not finished.
    case needMoreData
    /// The last chunk and the trailer section ended after `consumed` bytes of the buffer; the rest is the next request.
    case end(consumed: Int)
}

/// Removes chunked transfer coding (RFC 9112 §7.1) from a request body fed in any pieces.
///
/// A value owned by one connection for one body. Chunk extensions are checked against the grammar and a length limit,
/// then ignored; trailer fields are checked, bounded and discarded. Errors carry the offset from the body's first byte.
public struct ChunkedDecoder: Sendable {
    /// Where the decoder stands: size line, extensions, data, CRLF after data, trailers.
    enum State: Sendable {
        case size, sizeDigits, sizeLF
        case extensionNameStart, extensionName, extensionAfterName, extensionValueStart, extensionToken
        case extensionQuoted, extensionQuotedEscape, extensionAfterValue
        case data, dataCR, dataLF
        case trailerLineStart, trailerName, trailerValue, trailerLF, finalLF, done
    }

    /// The limits on extensions and trailers.
    public let limits: WireLimits
    /// The state before the next byte.
    var state = State.size
    /// The size being read from the size line.
    var chunkSize = 0
    /// Data bytes of the current chunk still to come.
    var remaining = 0
    /// Bytes of the current chunk extension, for its limit.
    var extensionLength = 0
    /// Bytes of the trailer section, for its limit.
    var trailerLength = 0
    /// Bytes of the body (framing included) used so far, for error offsets.
    var position = 0

    /// Makes a decoder for one body.
    public init(limits: WireLimits = .standard) {
        self.limits = limits
    }

    /// Whether the last chunk and trailers were read.
    public var isFinished: Bool { state == .done }

    /// Decodes from the start of `buffer` up to the next piece of body data, the end of the body, or the end of
    /// `buffer`.
    ///
    /// - Throws: `WireError` for bad chunk sizes, size overflow, malformed or too long extensions, missing CRLF after a
    ///   size line or chunk data, malformed or too long trailers.
    public mutating func decode(_ buffer: UnsafeRawBufferPointer) throws(WireError) -> ChunkedDecodeStep {
        let count = buffer.count
        var i = 0
        while i < count {
            if state == .data {
                let take = min(remaining, count - i)
                remaining -= take
                position += take
                if remaining == 0 { state = .dataCR }
                return .data(i..<(i + take))
            }
            try step(buffer[i])
            position += 1
            i += 1
            if state == .done { return .end(consumed: i) }
        }
        return .needMoreData
    }

    /// Moves the state machine by one framing byte (any state but `.data`).
    private mutating func step(_ byte: UInt8) throws(WireError) {
        switch state {
        case .size, .sizeDigits:
            if let digit = ByteClass.hexValue(byte) {
                guard chunkSize <= (Int.max - digit) >> 4 else { throw .chunkSizeOverflow(at: position) }
                chunkSize = chunkSize << 4 + digit
                state = .sizeDigits
            } else if state == .sizeDigits, byte == ByteClass.cr {
                state = .sizeLF
            } else if state == .sizeDigits, byte == ByteClass.semicolon {
                extensionLength = 0
                state = .extensionNameStart
            } else {
                throw .invalidChunkSize(at: position)
            }
        case .sizeLF:
            guard byte == ByteClass.lf else { throw .missingChunkCRLF(at: position) }
            if chunkSize == 0 {
                state = .trailerLineStart
            } else {
                remaining = chunkSize
                state = .data
            }
            chunkSize = 0
        case .extensionNameStart, .extensionName, .extensionAfterName, .extensionValueStart, .extensionToken,
            .extensionQuoted, .extensionQuotedEscape, .extensionAfterValue:
            extensionLength += 1
            guard extensionLength <= limits.maxChunkExtensionLength else {
                throw .chunkExtensionTooLong(limit: limits.maxChunkExtensionLength)
            }
            try stepExtension(byte)
        case .dataCR:
            guard byte == ByteClass.cr else { throw .missingChunkCRLF(at: position) }
            state = .dataLF
        case .dataLF:
            guard byte == ByteClass.lf else { throw .missingChunkCRLF(at: position) }
            state = .size
        case .trailerLineStart, .trailerName, .trailerValue, .trailerLF, .finalLF:
            trailerLength += 1
            guard trailerLength <= limits.maxTrailerSectionLength else {
                throw .trailerSectionTooLarge(limit: limits.maxTrailerSectionLength)
            }
            try stepTrailer(byte)
        case .data, .done:
            preconditionFailure("ChunkedDecoder.step called in state \(state)")
        }
    }
}
