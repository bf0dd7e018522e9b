/// Reads an import file as it streams by: decodes the text, splits records, maps the header, yields rows.
///
/// A value fed the file's bytes in chunks of any size; events come out in file order: `.header` once, then
/// `.row` per non-blank data row. Rows whose every cell is empty or whitespace (`,,,,` as spreadsheets export)
/// are skipped like blank lines. Throws `FileRefusal` for a file that must be refused whole: not text, empty,
/// no header row, required columns missing, a column named twice, a record too long, more than `maxRows` rows.
/// One owner; not thread-safe.
public struct ImportReader: ChunkFedReader {
    /// What the reader found.
    public enum Event: Sendable, Equatable {
        case header(ImportHeader)
        case row(ImportRow)

        /// The directory key of a row's email, nil for the header.
        var rowKey: DirectoryKey? {
            if case .row(let row) = self { return row.emailKey }
            return nil
        }
    }

    /// The limits applied (the file-size limit is the caller's, who knows the size before reading).
    public var limits: ReadingLimits { rows.limits }
    /// The header, once read.
    public var header: ImportHeader? { rows.header }
    /// Data rows read so far.
    public var rowCount: Int { rows.count }
    /// Whether `.row` events are made; a counting pass turns it off and only checks the file and counts rows.
    public var yieldsRows: Bool {
        get { rows.yieldsRows }
        set { rows.yieldsRows = newValue }
    }

    private var decoder = TextDecoder()
    private var splitter: RecordSplitter
    private var rows: RowMapper

    /// A reader for one file.
    public init(limits: ReadingLimits = ReadingLimits()) {
        splitter = RecordSplitter(maxRecordBytes: limits.maxRecordBytes)
        rows = RowMapper(limits: limits)
    }

    /// Consumes the next chunk of the file, calling `onEvent` for what it completes.
    public mutating func feed(
        _ chunk: UnsafeBufferPointer<UInt8>, _ onEvent: (consuming Event) throws(FileRefusal) -> Void
    )
        throws(FileRefusal)
    {
        try decoder.decode(chunk) { (text) throws(FileRefusal) in
            try splitter.feed(text) { (record) throws(FileRefusal) in try rows.take(record, onEvent) }
        }
    }

    /// Ends the file; throws `FileRefusal.empty` or `.noHeaderRow` for a file without a header.
    public mutating func finish(_ onEvent: (consuming Event) throws(FileRefusal) -> Void) throws(FileRefusal) {
        try decoder.finish { (text) throws(FileRefusal) in
            try splitter.feed(text) { (record) throws(FileRefusal) in try rows.take(record, onEvent) }
        }
        try splitter.finish { (record) throws(FileRefusal) in try rows.take(record, onEvent) }
        if rows.header == nil { throw .noHeaderRow }
    }

    /// Turns records into the header and rows; apart from the decoder and splitter, whose callbacks reach it.
    private struct RowMapper {
        let limits: ReadingLimits
        var header: ImportHeader?
        /// The header's columns and field count, kept apart: a row is mapped without copying the header.
        var columns: ColumnMap?
        var expectedFieldCount = 0
        var count = 0
        var yieldsRows = true

        mutating func take(_ record: Record, _ onEvent: (consuming Event) throws(FileRefusal) -> Void)
            throws(FileRefusal)
        {
            if record.isBlank { return }
            guard let columns else {
                let mapped = try ImportHeader(record)
                header = mapped
                columns = mapped.columns
                expectedFieldCount = mapped.fieldCount
                try onEvent(.header(mapped))
                return
            }
            count += 1
            if count > limits.maxRows { throw .tooManyRows(limit: limits.maxRows, line: record.line) }
            if yieldsRows {
                try onEvent(.row(ImportRow(record, columns: columns, expectedFieldCount: expectedFieldCount)))
            }
        }
    }
}
