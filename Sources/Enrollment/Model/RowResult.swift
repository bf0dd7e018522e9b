/// What happened to one row of an uploaded file.
public struct RowResult: Sendable, Equatable {
    /// 1-based line number of the record in the file (the header is row 1 of an import file).
    public var rowNumber: Int
    /// The email as written in the file (trimmed), possibly invalid.
    public var email: String
    /// The requested action, or nil when the row did not say one that could be read.
    public var action: RequestedAction?
    public var outcome: RowOutcome
    /// Why, in words for the admin, e.g. "Skipped: user already exists". Empty for plain successes.
    public var reason: String

    public init(rowNumber: Int, email: String, action: RequestedAction?, outcome: RowOutcome, reason: String = "") {
        self.rowNumber = rowNumber
        self.email = email
        self.action = action
        self.outcome = outcome
        self.reason = reason
    }
}

/// What a row asked for: the import's User Status, or an invitation from Bulk Invite.
public enum RequestedAction: String, Sendable, CaseIterable {
    case new = "New"
    case update = "Update"
    case delete = "Delete"
    case activate = "Activate"
    case invite = "Invite"
}

/// The result class of a row; `reason` carries the words.
public enum RowOutcome: String, Sendable, CaseIterable {
    case created = "Created"
    case updated = "Updated"
    case deleted = "Deleted"
    case activated = "Activated"
    case invited = "Invited"
    case reinvited = "Re-invited"
    case skipped = "Skipped"
    case ignored = "Ignored"
    case duplicate = "Duplicate"
    case failed = "Failed"

    /// Whether the row changed the directory or sent mail as asked.
    public var isSuccess: Bool {
        switch self {
        case .created, .updated, .deleted, .activated, .invited, .reinvited: true
        case .skipped, .ignored, .duplicate, .failed: false
        }
    }
}

/// Rows per outcome.
public struct OutcomeCounts: Sendable, Equatable {
    public private(set) var byOutcome: [RowOutcome: Int] = [:]

    public init() {}

    public subscript(outcome: RowOutcome) -> Int { byOutcome[outcome, default: 0] }

    public mutating func add(_ outcome: RowOutcome, count: Int = 1) { byOutcome[outcome, default: 0] += count }

    public var total: Int { byOutcome.values.reduce(0, +) }
    public var succeeded: Int { byOutcome.filter { $0.key.isSuccess }.values.reduce(0, +) }
    /// Rows that did not succeed (skipped, ignored, duplicate, failed).
    public var unsuccessful: Int { total - succeeded }
}
