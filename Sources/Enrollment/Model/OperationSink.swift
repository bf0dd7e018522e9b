/// Where a running import or invite puts what it does: staged directory changes, per-row results, progress,
/// warnings and mail. Nothing it receives is visible to others or durable before the operation commits,
/// except the progress counter.
///
/// The repository's running operation conforms; tests use an in-memory one. One writer (the job) per sink.
public protocol OperationSink: UserDirectoryEditing {
    /// The operation being run (mail intents carry it).
    var operationID: Int64 { get }
    /// Appends the result of one row; rows arrive in file order.
    mutating func record(_ result: RowResult) throws
    /// Rows processed so far and, once known, the number of data rows; read by the status line.
    mutating func reportProgress(processedRows: Int, totalRows: Int?)
    /// A note for the report (e.g. "Unknown column ignored: Nickname").
    mutating func addWarning(_ warning: String)
    /// Asks for an email, sent only if the operation commits.
    mutating func queueMail(_ intent: MailIntent)
    /// `queueMail`, told whether the email goes to the user the row just staged (its email and names are that
    /// record's), which a sink may use to store less.
    mutating func queueMail(_ intent: MailIntent, toUserJustStaged: Bool)
    /// Asks for mail of `kind`, caused by row `rowNumber`, to the user that row just staged: `intent` makes the
    /// mail in full (its email and names are the record's) for a sink that keeps more than the kind and row.
    mutating func queueMail(_ kind: MailKind, rowNumber: Int, toUserJustStaged intent: () -> MailIntent)
    /// A hint that a row whose key has this hash (`DirectoryKey.hashBits`) comes a few rows from now: a sink whose
    /// look-ups miss the cache may start bringing their memory in. Does nothing by default.
    func prefetch(keyHash: Int)
}

extension OperationSink {
    public mutating func queueMail(_ intent: MailIntent, toUserJustStaged: Bool) { queueMail(intent) }

    public mutating func queueMail(_ kind: MailKind, rowNumber: Int, toUserJustStaged intent: () -> MailIntent) {
        queueMail(intent(), toUserJustStaged: true)
    }

    public func prefetch(keyHash: Int) {}
}
