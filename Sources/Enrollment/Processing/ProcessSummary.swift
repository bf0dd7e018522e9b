/// What a processor did with one file: the figures the caller puts on the operation when it commits.
public struct ProcessSummary: Sendable, Equatable {
    /// Rows (import) or entries (bulk invite) processed; each got exactly one recorded result.
    public var rowCount = 0
    /// Results per outcome.
    public var counts = OutcomeCounts()
    /// Warnings added to the sink (e.g. "Unknown column ignored: Nickname").
    public var warnings: [String] = []
    /// Mail intents queued on the sink.
    public var mailCount = 0

    /// An empty summary.
    public init() {}

    /// Counts `decision` and hands its result and mail to `sink`, reporting progress (against `total`) every
    /// `interval` rows; a failing sink becomes `FileRefusal.sinkFailed`.
    mutating func record(
        _ decision: consuming RuleDecision, into sink: inout some OperationSink, reportingEvery interval: Int,
        of total: Int?
    ) throws(FileRefusal) {
        // Taken apart, not copied: a copy would retain its strings here and release them again with the decision.
        let (result, mail, isMailToStagedUser) = decision.parts()
        do {
            try sink.record(result)
        } catch {
            throw .sinkFailed(String(describing: error))
        }
        if let mail {
            sink.queueMail(mail, toUserJustStaged: isMailToStagedUser)
            mailCount += 1
        }
        rowCount += 1
        counts.add(result.outcome)
        if rowCount % interval == 0 { sink.reportProgress(processedRows: rowCount, totalRows: total) }
    }
}
