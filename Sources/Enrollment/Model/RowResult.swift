import Storage

/// What happened to one row of an uploaded file.
public struct RowResult: Sendable, Equatable {
    /// 1-based line number of the record in the file (the header is row 1 of an import file).
    public var rowNumber: Int
    /// The email as written in the file (trimmed), possibly invalid.
    public var email: String {
        get {
            switch storedEmail {
            case .string(let email): email
            case .profile(let profile): profile.string(0)
            }
        }
        set { storedEmail = .string(newValue) }
    }
    /// The requested action, or nil when the row did not say one that could be read.
    public var action: RequestedAction?
    public var outcome: RowOutcome
    /// Why, in words for the admin, e.g. "Skipped: user already exists". Empty for plain successes.
    public var reason: String
    /// The email, as a string or as the first field of the row's cells (or of the record they became).
    private var storedEmail: StoredEmail

    /// Where a result's email is: an import row's is read from its cells, so the row makes no `String` for it.
    private enum StoredEmail: Sendable {
        case string(String)
        case profile(ProfileBytes)
    }

    public init(rowNumber: Int, email: String, action: RequestedAction?, outcome: RowOutcome, reason: String = "") {
        self.rowNumber = rowNumber
        storedEmail = .string(email)
        self.action = action
        self.outcome = outcome
        self.reason = reason
    }

    /// A result whose email is the first field of `profile` (an import row's cells, or the record they became).
    init(rowNumber: Int, emailOf profile: ProfileBytes, action: RequestedAction?, outcome: RowOutcome, reason: String) {
        self.rowNumber = rowNumber
        storedEmail = .profile(profile)
        self.action = action
        self.outcome = outcome
        self.reason = reason
    }

    /// Calls `body` with the email's UTF-8 bytes, wherever they are.
    @inline(__always)
    func withEmailBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storedEmail {
        case .string(let email): email.withUTF8Bytes(body)
        case .profile(let profile): profile.withField(0, body)
        }
    }

    public static func == (lhs: RowResult, rhs: RowResult) -> Bool {
        lhs.rowNumber == rhs.rowNumber && lhs.action == rhs.action && lhs.outcome == rhs.outcome
            && lhs.reason == rhs.reason && lhs.email == rhs.email
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

    /// The outcome's position in `allCases`, without searching it.
    var position: Int {
        switch self {
        case .created: 0
        case .updated: 1
        case .deleted: 2
        case .activated: 3
        case .invited: 4
        case .reinvited: 5
        case .skipped: 6
        case .ignored: 7
        case .duplicate: 8
        case .failed: 9
        }
    }

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
    /// The count of each outcome at its position in `RowOutcome.allCases`: every row is counted twice (summary
    /// and run), and a dictionary update cost as much as encoding the row's result.
    private var counts = [Int](repeating: 0, count: RowOutcome.allCases.count)

    public init() {}

    /// The outcomes counted at least once, with their counts.
    public var byOutcome: [RowOutcome: Int] {
        var present: [RowOutcome: Int] = [:]
        for outcome in RowOutcome.allCases where self[outcome] != 0 { present[outcome] = self[outcome] }
        return present
    }

    public subscript(outcome: RowOutcome) -> Int { counts[outcome.position] }

    public mutating func add(_ outcome: RowOutcome, count: Int = 1) { counts[outcome.position] += count }

    public var total: Int { counts.reduce(0, +) }
    public var succeeded: Int { RowOutcome.allCases.filter(\.isSuccess).reduce(0) { $0 + self[$1] } }
    /// Rows that did not succeed (skipped, ignored, duplicate, failed).
    public var unsuccessful: Int { total - succeeded }
}
