/// Turns the bytes of an uploaded file into validated UTF-8 as chunks arrive.
///
/// Accepted: UTF-8 with or without a byte-order mark, UTF-16 LE or BE with a byte-order mark (Excel's
/// "Unicode text"). The mark is dropped. Anything else is refused with `FileRefusal.notText` and the byte offset
/// of the offending byte: invalid UTF-8 (overlong forms, surrogates, values past U+10FFFF, truncated sequences),
/// an unpaired UTF-16 surrogate, an odd number of UTF-16 bytes, or a NUL character.
///
/// A value fed bytes: `decode(_:_:)` hands UTF-8 to its closure (for UTF-8 input, the very bytes it was given,
/// possibly ending inside a multi-byte character that the next chunk completes), `finish(_:)` ends the file.
/// One owner; not thread-safe.
public struct TextDecoder {
    /// The encodings the decoder recognises.
    public enum Encoding: Sendable, Equatable {
        case utf8
        case utf8WithBOM
        case utf16LE
        case utf16BE
    }

    /// The encoding, once the first bytes have decided it.
    public private(set) var encoding: Encoding?
    /// Bytes of the file consumed so far, byte-order mark included.
    public private(set) var byteCount = 0
    /// Whether any character after the byte-order mark has been seen.
    public private(set) var hasText = false

    private var head: [UInt8] = []
    private var utf8 = UTF8Validator()
    private var utf16 = UTF16Transcoder(bigEndian: false)

    /// A decoder for one file.
    public init() {}

    /// Consumes the next chunk of the file and hands what it decodes to `body` as UTF-8.
    /// Throws `FileRefusal.notText` at the first byte that is not text, or whatever `body` throws.
    public mutating func decode(
        _ input: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws(FileRefusal) -> Void
    ) throws(FileRefusal) {
        let base = byteCount
        byteCount += input.count
        guard encoding == nil else {
            try process(input, offset: base, body)
            return
        }
        head.append(contentsOf: input)
        guard let decided = Self.detect(head, isComplete: false) else { return }
        try start(decided, body)
    }

    /// Ends the file: refuses a truncated character, and an empty file with `FileRefusal.empty`.
    public mutating func finish(_ body: (UnsafeBufferPointer<UInt8>) throws(FileRefusal) -> Void) throws(FileRefusal) {
        if encoding == nil, let decided = Self.detect(head, isComplete: true) {
            try start(decided, body)
        }
        switch encoding {
        case .utf8, .utf8WithBOM, .none:
            try utf8.finish(offset: byteCount)
        case .utf16LE, .utf16BE:
            try utf16.finish(offset: byteCount)
        }
        if !hasText { throw .empty }
    }

    private mutating func start(
        _ decided: (Encoding, Int), _ body: (UnsafeBufferPointer<UInt8>) throws(FileRefusal) -> Void
    )
        throws(FileRefusal)
    {
        encoding = decided.0
        utf16 = UTF16Transcoder(bigEndian: decided.0 == .utf16BE)
        let bytes = head
        head = []
        try bytes.withUnsafeBufferPointer { (all) throws(FileRefusal) in
            let rest = UnsafeBufferPointer(rebasing: all[decided.1...])
            try process(rest, offset: decided.1, body)
        }
    }

    private mutating func process(
        _ input: UnsafeBufferPointer<UInt8>, offset: Int,
        _ body: (UnsafeBufferPointer<UInt8>) throws(FileRefusal) -> Void
    ) throws(FileRefusal) {
        guard !input.isEmpty else { return }
        hasText = true
        switch encoding {
        case .utf16LE, .utf16BE:
            try utf16.transcode(input, offset: offset, body)
        case .utf8, .utf8WithBOM, .none:
            try utf8.validate(input, offset: offset)
            try body(input)
        }
    }

    /// The encoding and the length of its byte-order mark, or nil while the first bytes could still be a mark.
    static func detect(_ head: [UInt8], isComplete: Bool) -> (Encoding, Int)? {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8WithBOM, 3) }
        if head.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if head.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        let couldBeMark = [0xEF, 0xBB, 0xBF].starts(with: head) || head == [0xFF] || head == [0xFE]
        if couldBeMark && !isComplete { return nil }
        return (.utf8, 0)
    }
}
