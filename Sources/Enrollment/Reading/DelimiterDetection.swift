/// Finds the delimiter of a file from its header row: the first record that is not an empty line.
///
/// Counts comma, tab, semicolon and pipe outside quotes in that record; the most frequent wins. Ties go to the
/// earlier of comma, tab, semicolon, pipe (so a header with none of them, a single column, reads as
/// comma-separated). A quote toggles "inside quotes", so `""` inside a quoted name toggles twice and changes nothing.
struct DelimiterDetection {
    /// The candidates in tie-break order.
    static let candidates: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";"), UInt8(ascii: "|")]

    /// Everything fed so far, replayed once the delimiter is known.
    private(set) var pending: [UInt8] = []
    private var scanned = 0
    private var isInQuotes = false
    private var hasContent = false
    private var counts = [0, 0, 0, 0]

    /// Scans more bytes; returns the delimiter once the header row has ended (or has grown past `limit`).
    mutating func scan(_ input: UnsafeBufferPointer<UInt8>, limit: Int) -> UInt8? {
        pending.append(contentsOf: input)
        while scanned < pending.count {
            let byte = pending[scanned]
            scanned += 1
            if byte == UInt8(ascii: "\"") {
                isInQuotes.toggle()
                hasContent = true
            } else if isInQuotes {
                continue
            } else if byte == 0x0A || byte == 0x0D {
                if hasContent { return decide() }
            } else {
                hasContent = true
                if let slot = Self.candidates.firstIndex(of: byte) { counts[slot] += 1 }
            }
        }
        // A header row this long is refused by the splitter; decide now so the replay can say so.
        return pending.count > limit ? decide() : nil
    }

    /// The delimiter from the counts so far: the most frequent candidate, ties to the earlier one.
    func decide() -> UInt8 {
        var best = 0
        for slot in 1..<counts.count where counts[slot] > counts[best] { best = slot }
        return Self.candidates[best]
    }
}
