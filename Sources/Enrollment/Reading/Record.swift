/// One record of a delimited file: its fields, unquoted, and the line it starts on.
///
/// The fields are stored in one byte buffer; `fieldEnds[i]` is where field `i` ends, and the next field starts
/// `fieldGap` bytes later. A splitter reuses one record for every line, so copy what you need out of it inside the
/// callback that receives it.
public struct Record: Sendable, Equatable {
    /// 1-based line number of the record's first byte (line ends inside quoted fields count).
    public internal(set) var line: Int
    /// The UTF-8 bytes of all fields, without quotes or delimiters.
    public internal(set) var bytes: [UInt8]
    /// The end offset in `bytes` of each field.
    public internal(set) var fieldEnds: [Int]
    /// The bytes between a field's end and the next field's start: 0 when the fields lie back to back (the
    /// splitter took quotes and delimiters out), 1 when `bytes` is the line as written, delimiters and all (a line
    /// with nothing to unquote, copied whole).
    public internal(set) var fieldGap = 0

    /// An empty record at line 1.
    public init() {
        line = 1
        bytes = []
        fieldEnds = []
    }

    /// A record made of these fields (for tests and factories).
    public init(line: Int, fields: [String]) {
        self.init()
        self.line = line
        for field in fields {
            bytes.append(contentsOf: field.utf8)
            fieldEnds.append(bytes.count)
        }
    }

    /// The number of fields.
    public var fieldCount: Int { fieldEnds.count }

    /// The byte range of field `index` in `bytes`.
    public func range(ofField index: Int) -> Range<Int> {
        (index == 0 ? 0 : fieldEnds[index - 1] + fieldGap)..<fieldEnds[index]
    }

    /// The byte range of field `index` without leading and trailing ASCII whitespace (space, tab, CR, LF, FF).
    public func trimmedRange(ofField index: Int) -> Range<Int> {
        let whole = range(ofField: index)
        return bytes.withUnsafeBufferPointer { Self.trimmed(whole, in: $0) }
    }

    /// `range` of `bytes` without leading and trailing ASCII whitespace. Indexes into the buffer, not the array: no
    /// bounds check and no `Range` rebuilt per byte.
    @inline(__always)
    private static func trimmed(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// Writes to `ranges[i]` the trimmed range (`trimmedRange(ofField:)`) of field `indices[i]`, or an empty range
    /// when that index is nil or past the record's fields: one pass over the buffers for a row's cells, where a
    /// call per field cost ~36 instructions of setting up.
    func trimmedRanges(ofFields indices: ColumnMap, into ranges: UnsafeMutableBufferPointer<Range<Int>>) {
        precondition(indices.count == ranges.count, "a range per index")
        let gap = fieldGap
        bytes.withUnsafeBufferPointer { bytes in
            fieldEnds.withUnsafeBufferPointer { ends in
                for column in 0..<ranges.count {
                    guard let index = indices[column], index < ends.count else {
                        ranges.initializeElement(at: column, to: 0..<0)
                        continue
                    }
                    let start = index == 0 ? 0 : ends[index - 1] + gap
                    ranges.initializeElement(at: column, to: Self.trimmed(start..<ends[index], in: bytes))
                }
            }
        }
    }

    /// Field `index` as written (unquoted).
    public func field(_ index: Int) -> String {
        string(range(ofField: index))
    }

    /// Field `index` trimmed of ASCII whitespace.
    public func trimmedField(_ index: Int) -> String {
        string(trimmedRange(ofField: index))
    }

    /// Every field as written.
    public var fields: [String] { (0..<fieldCount).map(field) }

    /// Whether every field is empty or whitespace (a line like `,,,` or `   `).
    public var isBlank: Bool {
        // Stops at the first byte that is not whitespace, usually the first one.
        fieldGap == 0
            ? bytes.allSatisfy(Self.isWhitespace)
            : (0..<fieldCount).allSatisfy { bytes[range(ofField: $0)].allSatisfy(Self.isWhitespace) }
    }

    /// Records are equal when their lines and their fields are, however the fields lie in `bytes`.
    public static func == (lhs: Record, rhs: Record) -> Bool {
        lhs.line == rhs.line && lhs.fieldCount == rhs.fieldCount
            && (0..<lhs.fieldCount).allSatisfy {
                lhs.bytes[lhs.range(ofField: $0)].elementsEqual(rhs.bytes[rhs.range(ofField: $0)])
            }
    }

    /// The bytes in `range` as a string (the splitter's input was validated UTF-8).
    func string(_ range: Range<Int>) -> String {
        // Empty cells (most optional columns) make no call at all.
        if range.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { all in
            let field = UnsafeBufferPointer(rebasing: all[range])
            // A large string (over 15 bytes) from `String(decoding:)`, whose validation has a fast path for ASCII,
            // where writing into the string's storage takes a general repairing path; a small one written into its
            // storage, which spares it a validation pass. (Measured both ways, per thread.)
            if field.count > 15 { return String(decoding: field, as: UTF8.self) }
            return String(unsafeUninitializedCapacity: field.count) { buffer in
                buffer.baseAddress!.update(from: field.baseAddress!, count: field.count)
                return field.count
            }
        }
    }

    /// ASCII whitespace as HTML defines it: TAB, LF, FF, CR and SPACE.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        // Most bytes are above the space: one comparison for them.
        byte <= 0x20 && (byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D)
    }

    /// Empties the record for the next one, keeping its storage.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldGap = 0
    }
}
