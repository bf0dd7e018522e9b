import Storage

/// Where each row result of an operation sits in its results file: every frame offset in row order, and the
/// same offsets grouped by outcome, so a page (filtered or not) is found without reading other results. In memory,
/// while the run goes, the grouping is each row's outcome byte, with counts per block of rows to start a scan near
/// the page.
///
/// On disk (`op-<id>.index`, written atomically when the run ends): a `RecordFileHeader` "RIDX", then a table —
/// total u64, slot count u32 (16), 16 × per-outcome count u64, CRC-32C of the table u32 — then the sections of
/// u64 offsets: all rows, then each outcome by its stable code.
struct ResultsIndex: Sendable {
    /// Outcome slots in the table (room for new outcomes).
    static let slots = 16
    /// Bytes of the table after the header.
    static let tableSize = 8 + 4 + slots * 8 + 4
    /// File offset of the first offset section.
    static let sectionsStart = Int64(RecordFileHeader.size + tableSize)

    /// Rows per block of `blockStarts`.
    static let blockSize = 4096

    /// Every row's frame offset, in row order.
    private(set) var all: [Int64] = []
    /// Every row's outcome (its stable code), in row order: a filtered page is found by scanning these, not by
    /// keeping a second list of offsets per outcome (at a million rows those lists, grown by doubling, faulted in
    /// 30 MB more).
    private var outcomes: [UInt8] = []
    /// Rows per outcome slot.
    private var counts = [Int](repeating: 0, count: slots)
    /// Per block of `blockSize` rows, the rows of each slot before the block (`slots` counts a block), so a filtered
    /// page scans at most one block's outcomes before its first row.
    private var blockStarts: [UInt32] = []

    /// Makes room for `rows` rows, so a large run's index fills without copying itself as it grows.
    mutating func reserveCapacity(_ rows: Int) {
        all.reserveCapacity(rows)
        outcomes.reserveCapacity(rows)
    }

    /// Adds the next row's frame offset.
    mutating func add(offset: Int64, outcome: RowOutcome) {
        if all.count % Self.blockSize == 0 { blockStarts += counts.lazy.map { UInt32(truncatingIfNeeded: $0) } }
        let code = outcome.stableCode
        all.append(offset)
        outcomes.append(code)
        counts[Int(code)] += 1
    }

    /// Offsets of the page and the total rows matching `outcome` (nil = all).
    func page(outcome: RowOutcome?, offset: Int, limit: Int) -> (offsets: [Int64], total: Int) {
        guard let outcome else {
            let start = min(max(0, offset), all.count)
            return (Array(all[start..<min(all.count, start + max(0, limit))]), all.count)
        }
        let slot = Int(outcome.stableCode)
        let total = counts[slot]
        let start = min(max(0, offset), total)
        let wanted = min(total - start, max(0, limit))
        if wanted == 0 { return ([], total) }
        // The last block with at most `start` matches before it (a binary search: the counts only grow), then a
        // scan from its first row.
        var block = 0
        var high = blockStarts.count / Self.slots
        while high - block > 1 {
            let middle = (block + high) / 2
            if Int(blockStarts[middle * Self.slots + slot]) <= start { block = middle } else { high = middle }
        }
        var seen = Int(blockStarts[block * Self.slots + slot])
        var offsets: [Int64] = []
        offsets.reserveCapacity(wanted)
        for row in (block * Self.blockSize)..<outcomes.count where Int(outcomes[row]) == slot {
            if seen >= start { offsets.append(all[row]) }
            seen += 1
            if offsets.count == wanted { break }
        }
        return (offsets, total)
    }

    /// Writes the index file atomically.
    func write(to path: String) throws(StorageError) {
        try AtomicFile.write(path: path) { (file) throws(StorageError) in
            try file.write(DataFolderLayout.indexHeader.bytes)
            var table = RecordWriter(capacity: Self.tableSize)
            table.writeUInt64(UInt64(all.count))
            table.writeUInt32(UInt32(Self.slots))
            for count in counts { table.writeUInt64(UInt64(count)) }
            table.writeUInt32(CRC32C.checksum(table.bytes))
            try file.write(table.bytes)
            try Self.writeSection(all, to: &file)
            for slot in 0..<Self.slots where counts[slot] > 0 { try writeSection(slot: slot, to: &file) }
        }
    }

    /// Writes the offsets of the rows of outcome `slot`, in row order, gathered a buffer at a time.
    private func writeSection(slot: Int, to file: inout BufferedFileWriter) throws(StorageError) {
        var buffer: [Int64] = []
        buffer.reserveCapacity(8192)
        for row in outcomes.indices where Int(outcomes[row]) == slot {
            buffer.append(all[row])
            if buffer.count == buffer.capacity {
                try Self.writeSection(buffer, to: &file)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try Self.writeSection(buffer, to: &file)
    }

    /// Writes `offsets` as u64 little-endian: on a little-endian machine, the array's own memory as it is (not
    /// 8 bytes and a call per offset).
    private static func writeSection(_ offsets: [Int64], to file: inout BufferedFileWriter) throws(StorageError) {
        if 1.littleEndian == 1 {
            // `withUnsafeBytes` rethrows `any Error`; the `Result` keeps the error's type.
            try offsets.withUnsafeBytes { raw in Result { () throws(StorageError) in try file.write(raw) } }.get()
            return
        }
        var section = RecordWriter(capacity: offsets.count * 8)
        for offset in offsets { section.writeUInt64(UInt64(offset)) }
        try file.write(section.bytes)
    }

    /// Reads one page of offsets from the index file at `path`, reading only the table and the page's bytes.
    static func readPage(
        path: String, outcome: RowOutcome?, offset: Int, limit: Int
    ) throws(StorageError) -> (offsets: [Int64], total: Int) {
        let file = try RecordFileReader(path: path, header: DataFolderLayout.indexHeader)
        let counts = try readTable(file)
        let slot = outcome.map { Int($0.stableCode) + 1 } ?? 0
        let sectionStart = counts[0..<slot].reduce(0, +)
        let total = counts[slot]
        let start = min(max(0, offset), total)
        let count = min(total - start, max(0, limit))
        if count == 0 { return ([], total) }
        let position = sectionsStart + Int64(sectionStart + start) * 8
        let bytes = try file.readRaw(count: count * 8, at: position)
        guard bytes.count == count * 8 else {
            throw .corrupt(path: path, offset: position, reason: "index section cut short")
        }
        let offsets = bytes.withUnsafeBytes { raw in
            (0..<count).map { Int64(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
        return (offsets, total)
    }

    /// The table's counts: [all, outcome 0, outcome 1, ...], checked against its CRC.
    static func readTable(_ file: RecordFileReader) throws(StorageError) -> [Int] {
        let table = try file.readRaw(count: tableSize, at: Int64(RecordFileHeader.size))
        guard table.count == tableSize else {
            throw .corrupt(path: file.path, offset: Int64(RecordFileHeader.size), reason: "index table cut short")
        }
        let stored = table.withUnsafeBytes {
            UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: tableSize - 4, as: UInt32.self))
        }
        guard CRC32C.checksum(Array(table[..<(tableSize - 4)])) == stored else {
            throw .corrupt(path: file.path, offset: Int64(RecordFileHeader.size), reason: "index table checksum")
        }
        return table.withUnsafeBytes { raw in
            var counts = [Int(UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)))]
            for slot in 0..<slots {
                counts.append(
                    Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 12 + slot * 8, as: UInt64.self))))
            }
            return counts
        }
    }

    /// Rebuilds the index by scanning a results file (for runs that stopped before writing theirs).
    static func rebuild(resultsPath: String) throws(StorageError) -> ResultsIndex {
        var index = ResultsIndex()
        _ = try RecordLog.verify(path: resultsPath, header: DataFolderLayout.resultsHeader) {
            (payload, offset) throws(StorageError) in
            var reader = RecordReader(payload)
            index.add(offset: offset, outcome: try reader.readRowResult().outcome)
        }
        return index
    }
}
