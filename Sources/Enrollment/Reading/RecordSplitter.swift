#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits UTF-8 text into records of fields: RFC 4180 quoting, any mix of CRLF, LF and CR line ends.
///
/// A value fed bytes: `feed(_:_:)` calls its closure once per complete record, `finish(_:)` flushes the last
/// record (a final line end is optional). Empty lines are skipped. The delimiter is given, or detected from the
/// header row (see `RecordSplitter+Delimiter.swift`). One owner; not thread-safe.
///
/// Quoting (RFC 4180 §2), and what is done with what the RFC does not allow, leniently and deterministically:
/// - a field starting with `"` is quoted: delimiters and line ends inside it are data, and `""` is one quote;
/// - spaces before the opening quote are dropped (`a, "b, c"` gives `a` and `b, c`);
/// - text after a closing quote is appended as is (`"ab"cd` gives `abcd`, as Python's `csv` does);
/// - a quote inside an unquoted field is data (`ab"cd` gives `ab"cd`);
/// - a quote never closed runs to the end of the file, bounded by `maxRecordBytes` (`FileRefusal.recordTooLong`).
public struct RecordSplitter {
    /// Where the splitter is within a field.
    enum State {
        /// Nothing of the current field yet.
        case fieldStart
        /// Only spaces so far: an opening quote may still come.
        case leadingSpaces
        case unquoted
        case quoted
        /// A quote inside a quoted field: a second quote, a delimiter or a line end decides.
        case quoteInQuoted
    }

    /// The delimiter byte, once given or detected.
    public internal(set) var delimiter: UInt8?
    /// Longest record in bytes before the file is refused.
    public let maxRecordBytes: Int
    /// Records handed out so far.
    public private(set) var recordCount = 0

    /// The record being built, reused for every record.
    var record = Record()
    var state = State.fieldStart
    /// 1-based number of the line the next byte is on.
    var line = 1
    /// Whether the previous byte was a CR, so that an LF after it ends no second line.
    var lastWasCR = false
    /// Whether the current record has a byte other than a line end.
    var hasStarted = false
    /// Detection: the bytes before the delimiter is known.
    var detection = DelimiterDetection()

    /// A splitter using `delimiter`, or detecting it from the first record when nil.
    public init(delimiter: UInt8? = nil, maxRecordBytes: Int = ReadingLimits().maxRecordBytes) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// Consumes UTF-8 bytes, calling `onRecord` for each record they complete.
    /// Throws `FileRefusal.recordTooLong`, or what `onRecord` throws.
    public mutating func feed(_ input: UnsafeBufferPointer<UInt8>, _ onRecord: (Record) throws(FileRefusal) -> Void)
        throws(FileRefusal)
    {
        guard delimiter == nil else {
            try split(input, onRecord)
            return
        }
        if let detected = detection.scan(input, limit: maxRecordBytes) {
            try replayDetection(detected, onRecord)
        }
    }

    /// Ends the input, handing out the last record if the text does not end with a line end.
    public mutating func finish(_ onRecord: (Record) throws(FileRefusal) -> Void) throws(FileRefusal) {
        if delimiter == nil { try replayDetection(detection.decide(), onRecord) }
        if hasStarted { try endRecord(onRecord) }
    }

    private mutating func replayDetection(_ detected: UInt8, _ onRecord: (Record) throws(FileRefusal) -> Void)
        throws(FileRefusal)
    {
        delimiter = detected
        let pending = detection.pending
        detection = DelimiterDetection()
        try pending.withUnsafeBufferPointer { (bytes) throws(FileRefusal) in try split(bytes, onRecord) }
    }

    private mutating func split(_ input: UnsafeBufferPointer<UInt8>, _ onRecord: (Record) throws(FileRefusal) -> Void)
        throws(FileRefusal)
    {
        guard let delimiter else { preconditionFailure("split before the delimiter is known") }
        var index = 0
        while index < input.count {
            if !hasStarted, let next = try takePlainLine(input, from: index, delimiter: delimiter, onRecord) {
                index = next
                continue
            }
            let byte = input[index]
            index += 1
            if byte == Self.cr || byte == Self.lf {
                let isNewLine = byte == Self.cr || !lastWasCR
                lastWasCR = byte == Self.cr
                if isNewLine { line += 1 }
                if case .quoted = state {
                    record.bytes.append(byte)
                } else if isNewLine && hasStarted {
                    try endRecord(onRecord)
                }
                continue
            }
            lastWasCR = false
            if !hasStarted {
                hasStarted = true
                record.line = line
            }
            switch state {
            case .unquoted where byte != delimiter:
                index = copyRun(input, from: index - 1, stoppingAt: delimiter)
            case .quoted where byte != Self.quote:
                index = copyRun(input, from: index - 1, stoppingAt: Self.quote)
            default:
                step(byte, delimiter: delimiter)
            }
        }
        try checkLength()
    }

    /// The fast path for the common line: at a record's start, a whole line in `input` with no quote and no CR
    /// before its LF (or CRLF) has no quoting to undo, so its fields are found with `memchr` and copied with one
    /// append, instead of stepping through the state machine byte by byte (the records are the same). Returns
    /// the index after the line end, or nil when the line does not qualify (the caller takes the byte path). The
    /// record keeps the line's delimiters (`Record.fieldGap`), so no field is moved.
    private mutating func takePlainLine(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8,
        _ onRecord: (Record) throws(FileRefusal) -> Void
    ) throws(FileRefusal) -> Int? {
        guard let base = input.baseAddress, input[start] != Self.cr, input[start] != Self.lf,
            let newline = memchr(base + start, Int32(Self.lf), input.count - start)
        else { return nil }
        let lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
        let end = input[lineEnd - 1] == Self.cr ? lineEnd - 1 : lineEnd
        let length = end - start
        guard length <= maxRecordBytes, memchr(base + start, Int32(Self.quote), length) == nil,
            memchr(base + start, Int32(Self.cr), length) == nil
        else { return nil }
        lastWasCR = false
        record.line = line
        // The line as written, delimiters and all: each field ends at a delimiter and the next starts after it.
        assert(record.bytes.isEmpty, "a plain line starts a record")
        record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<end]))
        record.fieldGap = 1
        // The field ends are gathered on the stack and appended at once: an append each checked the array's
        // uniqueness and capacity eight times a line.
        let isMapped = withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.plainLineFields) { ends in
            var count = 0
            var read = start
            while let hit = memchr(base + read, Int32(delimiter), end - read) {
                guard count < ends.count - 1 else { return false }
                let fieldEnd = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                ends[count] = fieldEnd - start
                count += 1
                read = fieldEnd + 1
            }
            ends[count] = length
            record.fieldEnds.append(contentsOf: UnsafeBufferPointer(rebasing: ends[0...count]))
            return true
        }
        if !isMapped {
            var read = start
            while let hit = memchr(base + read, Int32(delimiter), end - read) {
                let fieldEnd = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                record.fieldEnds.append(fieldEnd - start)
                read = fieldEnd + 1
            }
            record.fieldEnds.append(length)
        }
        line += 1
        state = .fieldStart
        recordCount += 1
        try onRecord(record)
        record.reset()
        return lineEnd + 1
    }

    /// Fields of a plain line whose ends are gathered on the stack; a line with more takes them one by one.
    private static let plainLineFields = 64

    private static let quote = UInt8(ascii: "\"")
    private static let space = UInt8(ascii: " ")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    /// The fast path: appends the bytes from `start` up to `stop` or a line end, and returns where it stopped.
    private mutating func copyRun(_ input: UnsafeBufferPointer<UInt8>, from start: Int, stoppingAt stop: UInt8) -> Int {
        var end = start + 1
        while end < input.count {
            let next = input[end]
            if next == stop || next == Self.cr || next == Self.lf { break }
            end += 1
        }
        record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<end]))
        return end
    }

    /// One byte that is not a line end and not in a run `copyRun` takes: the transitions of the quoting rules.
    private mutating func step(_ byte: UInt8, delimiter: UInt8) {
        switch state {
        case .unquoted:
            endField()  // `byte` is the delimiter
        case .quoted:
            state = .quoteInQuoted  // `byte` is a quote
        case .fieldStart, .leadingSpaces:
            if byte == Self.quote {
                record.bytes.removeSubrange(fieldStart...)
                state = .quoted
            } else if byte == delimiter {
                endField()
            } else {
                record.bytes.append(byte)
                state = byte == Self.space ? .leadingSpaces : .unquoted
            }
        case .quoteInQuoted:
            if byte == delimiter {
                endField()
            } else {
                record.bytes.append(byte)
                state = byte == Self.quote ? .quoted : .unquoted
            }
        }
    }

    private var fieldStart: Int { record.fieldEnds.last ?? 0 }

    private mutating func endField() {
        record.fieldEnds.append(record.bytes.count)
        state = .fieldStart
    }

    private mutating func endRecord(_ onRecord: (Record) throws(FileRefusal) -> Void) throws(FileRefusal) {
        endField()
        try checkLength()
        hasStarted = false
        recordCount += 1
        try onRecord(record)
        record.reset()
    }

    private func checkLength() throws(FileRefusal) {
        if record.bytes.count > maxRecordBytes { throw .recordTooLong(line: record.line, limit: maxRecordBytes) }
    }
}
