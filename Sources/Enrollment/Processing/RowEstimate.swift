#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A cheap estimate of an import file's data rows for the progress total: its lines, found with `memchr` over
/// the raw bytes, less the header line.
///
/// Exact for the usual file (one record per line, no blank lines, no line ends inside quoted fields); otherwise
/// only a guide, and the processor reports the exact count when it ends. It checks nothing but what
/// `FileChunks` checks (readable, within the size limit): every other refusal is found by the one reading pass.
enum RowEstimate {
    /// The estimated number of data rows of the file at `path`: its LF count (its CR count when it has no LF,
    /// as in old Mac files), plus one when the text does not end with a line end, less one for the header.
    /// Trailing NUL bytes are ignored when looking at the end, so a UTF-16 LE file ending in `\n\0` counts right.
    /// Throws what `FileChunks.forEach` throws.
    static func dataRows(filePath: String, limits: ReadingLimits) throws(FileRefusal) -> Int {
        var lineFeeds = 0
        var carriageReturns = 0
        var last: UInt8 = 0x0A  // an empty file has no unterminated last line
        try FileChunks.forEach(path: filePath, limits: limits) { (chunk) throws(FileRefusal) in
            lineFeeds += count(0x0A, in: chunk)
            carriageReturns += count(0x0D, in: chunk)
            if let end = chunk.lastIndex(where: { $0 != 0 }) { last = chunk[end] }
        }
        let lineEnds = lineFeeds > 0 ? lineFeeds : carriageReturns
        let lines = lineEnds + (last == 0x0A || last == 0x0D ? 0 : 1)
        return max(lines - 1, 0)
    }

    /// How many times `byte` occurs in `bytes`, skipping from one to the next with `memchr`.
    private static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard var cursor = bytes.baseAddress else { return 0 }
        let end = cursor + bytes.count
        var found = 0
        while cursor < end, let hit = memchr(cursor, Int32(byte), end - cursor) {
            found += 1
            cursor = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return found
    }
}
