/// An import or bulk invite: one uploaded file and what became of it.
public struct OperationRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: OperationKind
    /// The client's file name, for display only (never a path).
    public var fileName: String
    /// The admin who uploaded the file.
    public var uploadedBy: String
    /// Milliseconds since 1970-01-01 UTC.
    public var createdAt: Int64
    /// Milliseconds since 1970-01-01 UTC; 0 while not finished.
    public var finishedAt: Int64
    public var state: OperationState
    /// Why the file was refused, or why the run stopped; empty otherwise.
    public var reason: String
    /// Rows processed so far (not committed): the progress counter.
    public var processedRows: Int
    /// Data rows in the file, when known (0 while unknown).
    public var totalRows: Int
    public var counts: OutcomeCounts
    /// Notes for the report, e.g. unknown columns that were ignored.
    public var warnings: [String]
    /// Whether a bulk invite re-sends invitations to users still invited.
    public var resendInvitations: Bool

    public init(
        id: Int64, kind: OperationKind, fileName: String, uploadedBy: String, createdAt: Int64,
        finishedAt: Int64 = 0, state: OperationState = .queued, reason: String = "", processedRows: Int = 0,
        totalRows: Int = 0, counts: OutcomeCounts = OutcomeCounts(), warnings: [String] = [],
        resendInvitations: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.fileName = fileName
        self.uploadedBy = uploadedBy
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.state = state
        self.reason = reason
        self.processedRows = processedRows
        self.totalRows = totalRows
        self.counts = counts
        self.warnings = warnings
        self.resendInvitations = resendInvitations
    }
}

/// Which page an operation came from.
public enum OperationKind: String, Sendable, CaseIterable {
    case userImport = "import"
    case bulkInvite = "invite"
}

/// The life of an operation.
public enum OperationState: String, Sendable, CaseIterable {
    /// Uploaded, waiting for the job runner.
    case queued = "Queued"
    case running = "Running"
    /// Committed: every change and email of the operation is durable.
    case completed = "Completed"
    /// The file was refused whole; nothing was applied.
    case rejected = "Rejected"
    /// The process stopped mid-run; nothing was applied; it can be re-run from its kept file.
    case interrupted = "Interrupted"
}
