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
        _ decision: borrowing RuleDecision, into sink: inout some OperationSink, reportingEvery interval: Int,
        of total: Int?
    ) throws(FileRefusal) {
        // Read in place: taking the decision apart (a consuming method returning its parts) copied the result
        // and the mail through value witnesses, then destroyed the decision.
        try Self.record(decision.result, into: &sink)
        switch decision.decidedMail {
        case .intent(let intent)?:
            sink.queueMail(intent, toUserJustStaged: decision.isMailToStagedUser)
            mailCount += 1
        case .toProfile(let kind, let profile, let operationID, let rowNumber)?:
            sink.queueMail(kind, rowNumber: rowNumber) {
                profile.mail(kind, operationID: operationID, rowNumber: rowNumber)
            }
            mailCount += 1
        case nil: break
        }
        count(decision.result.outcome, into: &sink, reportingEvery: interval, of: total)
    }

    /// `record(_:into:reportingEvery:of:)` for an import row's verdict, the row still at hand: the result reads
    /// its email from the row's cells, and an invitation its email and names.
    mutating func record(
        _ verdict: borrowing ImportRules.Verdict, of row: borrowing ImportRow, operationID: Int64,
        into sink: inout some OperationSink, reportingEvery interval: Int, of total: Int?
    ) throws(FileRefusal) {
        try Self.record(verdict.result(of: row), into: &sink)
        if let mail = verdict.activationMail {
            sink.queueMail(mail, toUserJustStaged: true)
            mailCount += 1
        } else if verdict.invitesStagedUser {
            let (profile, rowNumber) = (row.profile, row.rowNumber)
            sink.queueMail(.invitation, rowNumber: rowNumber) {
                profile.mail(.invitation, operationID: operationID, rowNumber: rowNumber)
            }
            mailCount += 1
        }
        count(verdict.outcome, into: &sink, reportingEvery: interval, of: total)
    }

    /// Hands `result` to `sink`; a failing sink becomes `FileRefusal.sinkFailed`.
    private static func record(_ result: RowResult, into sink: inout some OperationSink) throws(FileRefusal) {
        do {
            try sink.record(result)
        } catch {
            throw .sinkFailed(String(describing: error))
        }
    }

    /// Counts a row of `outcome`, reporting progress every `interval` rows.
    private mutating func count(
        _ outcome: RowOutcome, into sink: inout some OperationSink, reportingEvery interval: Int, of total: Int?
    ) {
        rowCount += 1
        counts.add(outcome)
        if rowCount % interval == 0 { sink.reportProgress(processedRows: rowCount, totalRows: total) }
    }
}
