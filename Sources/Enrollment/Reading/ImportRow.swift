/// One data row of an import file, its cells trimmed and put in their columns; not yet validated.
public struct ImportRow: Sendable, Equatable {
    /// 1-based line the row starts on (the header is usually line 1).
    public var rowNumber: Int
    /// Fields the row has; a row whose count differs from the header's fails.
    public var fieldCount: Int
    /// Fields the header row has.
    public var expectedFieldCount: Int
    /// The Email ID cell, trimmed.
    public var email: String {
        didSet { (isEmailValid, emailKey) = Self.check(email) }
    }
    /// Whether `email` is a valid address (`EmailAddress.isValid`), and its directory key
    /// (`User.key(forEmail:)`, hashed): worked out where the row is made, which for an import is the reading
    /// thread, so the thread applying the rules does not.
    public private(set) var isEmailValid: Bool
    public private(set) var emailKey: DirectoryKey
    /// The First Name cell, trimmed.
    public var firstName: String
    /// The Last Name cell, trimmed.
    public var lastName: String
    /// The Alternate ID cell; empty when the cell is empty or the file lacks the column (likewise below).
    public var alternateID: String
    /// The Work Phone cell.
    public var workPhone: String
    /// The Title cell.
    public var title: String
    /// The Department cell.
    public var department: String
    /// The User Status cell as written (trimmed).
    public var status: String

    /// A row with these values; the factory for tests and callers with their own reader.
    public init(
        rowNumber: Int, email: String, firstName: String = "", lastName: String = "", alternateID: String = "",
        workPhone: String = "", title: String = "", department: String = "", status: String,
        fieldCount: Int = 8, expectedFieldCount: Int = 8
    ) {
        self.rowNumber = rowNumber
        self.fieldCount = fieldCount
        self.expectedFieldCount = expectedFieldCount
        self.email = email
        (isEmailValid, emailKey) = Self.check(email)
        self.firstName = firstName
        self.lastName = lastName
        self.alternateID = alternateID
        self.workPhone = workPhone
        self.title = title
        self.department = department
        self.status = status
    }

    /// The row `record` holds under `header`; cells beyond a short row are empty.
    public init(_ record: Record, header: ImportHeader) {
        func cell(_ column: ImportColumn) -> String {
            guard let index = header.index(of: column), index < record.fieldCount else { return "" }
            return record.trimmedField(index)
        }
        self.init(
            rowNumber: record.line, email: cell(.email), firstName: cell(.firstName), lastName: cell(.lastName),
            alternateID: cell(.alternateID), workPhone: cell(.workPhone), title: cell(.title),
            department: cell(.department), status: cell(.userStatus), fieldCount: record.fieldCount,
            expectedFieldCount: header.fieldCount)
    }

    /// The validity and the key of `email`.
    private static func check(_ email: String) -> (Bool, DirectoryKey) {
        (EmailAddress.isValid(email), DirectoryKey(User.key(forEmail: email)))
    }

    /// Whether the row has as many fields as the header.
    public var hasExpectedFieldCount: Bool { fieldCount == expectedFieldCount }
}
