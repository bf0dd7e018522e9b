/// Splits the UTF-8 text of a bulk-invite file into entries: whatever lies between separators.
///
/// Separators are line ends (CR, LF, CRLF), commas, semicolons, tabs and spaces, in any mix and number, so
/// blank lines and spaces around addresses produce no entry. Quotes mean nothing here. A value fed bytes;
/// one owner; not thread-safe.
public struct AddressSplitter {
    /// Longest entry in bytes before the file is refused (`FileRefusal.recordTooLong`).
    public let maxEntryBytes: Int
    private var entry: [UInt8] = []
    private var entryLine = 1
    private var line = 1
    private var lastWasCR = false

    /// A splitter refusing entries longer than `maxEntryBytes`.
    public init(maxEntryBytes: Int = ReadingLimits().maxRecordBytes) {
        self.maxEntryBytes = maxEntryBytes
    }

    /// Consumes UTF-8 bytes, calling `onEntry` with each entry they complete and the line it is on.
    public mutating func feed(
        _ input: UnsafeBufferPointer<UInt8>, _ onEntry: (String, Int) throws(FileRefusal) -> Void
    ) throws(FileRefusal) {
        for byte in input {
            switch byte {
            case 0x0D, 0x0A:
                if byte == 0x0D || !lastWasCR { line += 1 }
                lastWasCR = byte == 0x0D
                try endEntry(onEntry)
                continue
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: " "), 0x09:
                try endEntry(onEntry)
            default:
                if entry.isEmpty { entryLine = line }
                entry.append(byte)
            }
            lastWasCR = false
        }
        if entry.count > maxEntryBytes { throw .recordTooLong(line: entryLine, limit: maxEntryBytes) }
    }

    /// Ends the input, handing out an entry the text ends with.
    public mutating func finish(_ onEntry: (String, Int) throws(FileRefusal) -> Void) throws(FileRefusal) {
        try endEntry(onEntry)
    }

    private mutating func endEntry(_ onEntry: (String, Int) throws(FileRefusal) -> Void) throws(FileRefusal) {
        guard !entry.isEmpty else { return }
        if entry.count > maxEntryBytes { throw .recordTooLong(line: entryLine, limit: maxEntryBytes) }
        let text = String(decoding: entry, as: UTF8.self)
        entry.removeAll(keepingCapacity: true)
        try onEntry(text, entryLine)
    }
}
