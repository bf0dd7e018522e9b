/// Runs a whole bulk-invite file through `InviteReader` and `InviteRules` into an `OperationSink`, streaming.
///
/// Called by the job that runs an operation, on its own thread; the sink is that operation's. On a throw the caller
/// discards the run: nothing the sink staged may be committed.
public enum InviteProcessor {
    /// Applies the bulk-invite file at `filePath` to `sink`: one recorded result per entry in file order (the
    /// file is read ahead on a second thread, see `ReadAhead`; entries are applied on the caller's),
    /// invitations queued through the sink, progress reported every `options.progressInterval` entries.
    /// `resendInvitations` re-sends to users still invited. The default options count the entries first, so the
    /// status line has a total from the start. `now` (milliseconds since 1970) stamps new users.
    /// Throws `FileRefusal` when the file must be refused whole (even when found mid-file), or `.sinkFailed`.
    public static func run(
        filePath: String, into sink: inout some OperationSink, now: Int64, resendInvitations: Bool = false,
        options: ProcessingOptions = ProcessingOptions(countsRowsFirst: true)
    ) throws(FileRefusal) -> ProcessSummary {
        try process(
            filePath: filePath, into: &sink, now: now, resendInvitations: resendInvitations, options: options)
    }

    /// `run(filePath:into:now:resendInvitations:options:)` for the repository's own sink, compiled for
    /// `OperationRun` (see `ImportProcessor.run(filePath:into:now:options:)`).
    public static func run(
        filePath: String, into sink: inout OperationRun, now: Int64, resendInvitations: Bool = false,
        options: ProcessingOptions = ProcessingOptions(countsRowsFirst: true)
    ) throws(FileRefusal) -> ProcessSummary {
        try process(
            filePath: filePath, into: &sink, now: now, resendInvitations: resendInvitations, options: options)
    }

    private static func process(
        filePath: String, into sink: inout some OperationSink, now: Int64, resendInvitations: Bool,
        options: ProcessingOptions
    ) throws(FileRefusal) -> ProcessSummary {
        var total: Int?
        if options.countsRowsFirst { total = try countEntries(filePath: filePath, limits: options.limits) }
        sink.reportProgress(processedRows: 0, totalRows: total)
        let operationID = sink.operationID
        var rules = InviteRules(resendInvitations: resendInvitations)
        var summary = ProcessSummary()
        func handle(_ entry: consuming InviteReader.Entry) throws(FileRefusal) {
            let decision = rules.apply(entry, to: &sink, now: now, operationID: operationID)
            try summary.record(consume decision, into: &sink, reportingEvery: options.progressInterval, of: total)
        }
        let limits = options.limits
        try ReadAhead.run(
            read: { (emit) throws(FileRefusal) in
                var reader = InviteReader(limits: limits)
                try FileChunks.feed(path: filePath, limits: limits, to: &reader, emit)
            }, apply: handle)
        sink.reportProgress(processedRows: summary.rowCount, totalRows: summary.rowCount)
        return summary
    }

    /// `run(filePath:into:now:resendInvitations:options:)` with these limits, counting first, progress every 1,000.
    public static func run(
        filePath: String, into sink: inout some OperationSink, now: Int64, resendInvitations: Bool = false,
        limits: ReadingLimits
    ) throws(FileRefusal) -> ProcessSummary {
        try run(
            filePath: filePath, into: &sink, now: now, resendInvitations: resendInvitations,
            options: ProcessingOptions(limits: limits, countsRowsFirst: true))
    }

    /// The number of entries of the bulk-invite file at `filePath`, checking the whole file on the way: throws the
    /// same `FileRefusal` a run would, without touching any sink.
    public static func countEntries(filePath: String, limits: ReadingLimits = ReadingLimits()) throws(FileRefusal)
        -> Int
    {
        var reader = InviteReader(limits: limits)
        try FileChunks.feed(path: filePath, limits: limits, to: &reader) { _ throws(FileRefusal) in }
        return reader.entryCount
    }
}
