/// Runs a whole import file through `ImportReader` and `ImportRules` into an `OperationSink`, in one streaming pass.
///
/// Called by the job that runs an operation, on its own thread; the sink is that operation's. On a throw the caller
/// discards the run: nothing the sink staged may be committed.
public enum ImportProcessor {
    /// Applies the import file at `filePath` to `sink`: one recorded result per data row in file order (the file is
    /// read ahead on a second thread, see `ReadAhead`; rows are applied on the caller's), mail queued
    /// through the sink, header warnings added, progress reported every `options.progressInterval` rows, against
    /// the exact total (`options.countsRowsFirst`) or the `RowEstimate` until the last report, which is exact.
    /// `now` (milliseconds since 1970) stamps created and changed users.
    /// Throws `FileRefusal` when the file must be refused whole (even when found mid-file), or `.sinkFailed`.
    public static func run(
        filePath: String, into sink: inout some OperationSink, now: Int64,
        options: ProcessingOptions = ProcessingOptions()
    ) throws(FileRefusal) -> ProcessSummary {
        try process(filePath: filePath, into: &sink, now: now, options: options)
    }

    /// `run(filePath:into:now:options:)` for the repository's own sink. The same code, compiled for `OperationRun`:
    /// called from another module, the generic form reaches the rules and the run through witness tables and
    /// copies every `User` and result through value witnesses, a row at a time.
    public static func run(
        filePath: String, into sink: inout OperationRun, now: Int64, options: ProcessingOptions = ProcessingOptions()
    ) throws(FileRefusal) -> ProcessSummary {
        try process(filePath: filePath, into: &sink, now: now, options: options)
    }

    private static func process(
        filePath: String, into sink: inout some OperationSink, now: Int64, options: ProcessingOptions
    ) throws(FileRefusal) -> ProcessSummary {
        let operationID = sink.operationID
        let limits = options.limits
        var total: Int?
        var summary = ProcessSummary()
        // The reader is made on the reading thread, of a concrete type (a generic one would have to be sendable).
        // The row total is found on this thread while the reader starts. The closures are literals: a local
        // function capturing `summary` made every row check exclusive access at run time.
        try ReadAhead.run(
            read: { (emit) throws(FileRefusal) in
                var reader = ImportReader(limits: limits)
                try FileChunks.feed(path: filePath, limits: limits, to: &reader, emit)
            },
            prepare: { () throws(FileRefusal) in
                total =
                    options.countsRowsFirst
                    ? try countDataRows(filePath: filePath, limits: limits)
                    : try RowEstimate.dataRows(filePath: filePath, limits: limits)
                sink.reportProgress(processedRows: 0, totalRows: total)
            },
            // A row's probes of the staged users and the directory (misses, in tables of a million) start rows
            // ahead, from its key's hash.
            hint: { (event: borrowing ImportReader.Event) in event.rowKey?.hashBits ?? 0 },
            lookAhead: { (keyHash: Int) in sink.prefetch(keyHash: keyHash) },
            apply: { (event: consuming ImportReader.Event) throws(FileRefusal) in
                switch consume event {
                case .header(let header):
                    for warning in header.warnings { sink.addWarning(warning) }
                    summary.warnings += header.warnings
                case .row(var row):
                    // The verdict, not a `RuleDecision`: the row stays here, and its result and mail are read from
                    // it.
                    let verdict = ImportRules.decide(&row, in: &sink, now: now, operationID: operationID)
                    try summary.record(
                        verdict, of: row, operationID: operationID, into: &sink,
                        reportingEvery: options.progressInterval, of: total)
                }
            })
        sink.reportProgress(processedRows: summary.rowCount, totalRows: summary.rowCount)
        return summary
    }

    /// `run(filePath:into:now:options:)` with these limits and the other options at their defaults.
    public static func run(
        filePath: String, into sink: inout some OperationSink, now: Int64, limits: ReadingLimits
    ) throws(FileRefusal) -> ProcessSummary {
        try run(filePath: filePath, into: &sink, now: now, options: ProcessingOptions(limits: limits))
    }

    /// The number of data rows of the import file at `filePath` (non-blank records after the header), checking the
    /// whole file on the way: throws the same `FileRefusal` a run would, without touching any sink.
    public static func countDataRows(filePath: String, limits: ReadingLimits = ReadingLimits()) throws(FileRefusal)
        -> Int
    {
        var reader = ImportReader(limits: limits)
        reader.yieldsRows = false
        try FileChunks.feed(path: filePath, limits: limits, to: &reader) { _ throws(FileRefusal) in }
        return reader.rowCount
    }
}
