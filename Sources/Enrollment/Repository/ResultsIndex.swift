import Storage

/// Where each row result of an operation sits in its results file: every frame offset in row order, and the
/// same offsets grouped by outcome, so a page (filtered or not) is found without reading other results.
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

    private(set) var all: [Int64] = []
    private(set) var byOutcome: [[Int64]] = Array(repeating: [], count: slots)

    /// Adds the next row's frame offset.
    mutating func add(offset: Int64, outcome: RowOutcome) {
        all.append(offset)
        byOutcome[Int(outcome.stableCode)].append(offset)
    }

    /// Offsets of the page and the total rows matching `outcome` (nil = all).
    func page(outcome: RowOutcome?, offset: Int, limit: Int) -> (offsets: [Int64], total: Int) {
        let list = outcome.map { byOutcome[Int($0.stableCode)] } ?? all
        let start = min(max(0, offset), list.count)
        return (Array(list[start..<min(list.count, start + max(0, limit))]), list.count)
    }

    /// Writes the index file atomically.
    func write(to path: String) throws(StorageError) {
        try AtomicFile.write(path: path) { (file) throws(StorageError) in
            try file.write(DataFolderLayout.indexHeader.bytes)
            var table = RecordWriter(capacity: Self.tableSize)
            table.writeUInt64(UInt64(all.count))
            table.writeUInt32(UInt32(Self.slots))
            for list in byOutcome { table.writeUInt64(UInt64(list.count)) }
            table.writeUInt32(CRC32C.checksum(table.bytes))
            try file.write(table.bytes)
            for list in [all] + byOutcome { try Self.writeSection(list, to: &file) }
        }
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
