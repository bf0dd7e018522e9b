/// One data row of an import file, its cells trimmed and put in their columns; not yet validated.
public struct ImportRow: Sendable, Equatable {
    /// 1-based line the row starts on (the header is usually line 1).
    public var rowNumber: Int
    /// Fields the row has, and the header's count; rows whose counts differ fail.
    public var fieldCount: Int
    public var expectedFieldCount: Int
    public var email: String
    public var firstName: String
    public var lastName: String
    /// Optional cells: empty when the cell is empty or the file lacks the column.
    public var alternateID: String
    public var workPhone: String
    public var title: String
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

    /// Whether the row has as many fields as the header.
    public var hasExpectedFieldCount: Bool { fieldCount == expectedFieldCount }
}
