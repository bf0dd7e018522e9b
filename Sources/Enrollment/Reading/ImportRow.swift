/// One data row of an import file, its cells trimmed and put in their columns; not yet validated.
///
/// The cells are kept as bytes in one allocation (`RowCells`), and read as strings on demand; the row's result
/// and mail read the email and names from there too. A New row's cells become its user's stored record.
public struct ImportRow: Sendable, Equatable {
    /// 1-based line the row starts on (the header is usually line 1).
    public var rowNumber: Int
    /// Fields the row has; a row whose count differs from the header's fails.
    public var fieldCount: Int
    /// Fields the header row has.
    public var expectedFieldCount: Int
    /// The Email ID cell, trimmed.
    public var email: String {
        get { cells.string(.email) }
        set {
            (isEmailValid, emailKey) = Self.check(newValue)
            var values = ImportColumn.allCases.map(cells.string)
            values[ImportColumn.email.rawValue] = newValue
            cells = RowCells(values)
        }
    }
    /// Whether `email` is a valid address (`EmailAddress.isValid`), and its directory key
    /// (`User.key(forEmail:)`, hashed): worked out where the row is made, which for an import is the reading
    /// thread, so the thread applying the rules does not.
    public private(set) var isEmailValid: Bool
    public private(set) var emailKey: DirectoryKey
    /// What the User Status cell asks for (`RequestedAction(importStatus:)`), matched where the row is made.
    public private(set) var action: RequestedAction?
    /// Every cell, the email's included.
    private var cells: RowCells

    /// The First Name cell, trimmed.
    public var firstName: String { cells.string(.firstName) }
    /// The Last Name cell, trimmed.
    public var lastName: String { cells.string(.lastName) }
    /// The Alternate ID cell; empty when the cell is empty or the file lacks the column (likewise below).
    public var alternateID: String { cells.string(.alternateID) }
    /// The Work Phone cell.
    public var workPhone: String { cells.string(.workPhone) }
    /// The Title cell.
    public var title: String { cells.string(.title) }
    /// The Department cell.
    public var department: String { cells.string(.department) }
    /// The User Status cell as written (trimmed).
    public var status: String { cells.string(.userStatus) }

    /// A row with these values; the factory for tests and callers with their own reader.
    public init(
        rowNumber: Int, email: String, firstName: String = "", lastName: String = "", alternateID: String = "",
        workPhone: String = "", title: String = "", department: String = "", status: String,
        fieldCount: Int = 8, expectedFieldCount: Int = 8
    ) {
        self.rowNumber = rowNumber
        self.fieldCount = fieldCount
        self.expectedFieldCount = expectedFieldCount
        (isEmailValid, emailKey) = Self.check(email)
        action = RequestedAction(importStatus: status)
        cells = RowCells([email, firstName, lastName, alternateID, workPhone, title, department, status])
    }

    /// The row `record` holds under `header`; cells beyond a short row are empty.
    public init(_ record: Record, header: ImportHeader) {
        self.init(record, columns: header.columns, expectedFieldCount: header.fieldCount)
    }

    /// The row `record` holds under a header of these columns and `expectedFieldCount` fields.
    init(_ record: Record, columns: ColumnMap, expectedFieldCount: Int) {
        rowNumber = record.line
        fieldCount = record.fieldCount
        self.expectedFieldCount = expectedFieldCount
        // Each cell's trimmed range, found once, on the stack.
        (cells, isEmailValid, emailKey) = withUnsafeTemporaryAllocation(
            of: Range<Int>.self, capacity: ImportColumn.allCases.count
        ) { ranges in
            record.trimmedRanges(ofFields: columns, into: ranges)
            return record.bytes.withUnsafeBufferPointer { bytes in
                let email = UnsafeBufferPointer(rebasing: bytes[ranges[ImportColumn.email.rawValue]])
                return (
                    RowCells(bytes, ranges: UnsafeBufferPointer(ranges)), EmailAddress.isValid(email),
                    DirectoryKey(forEmailBytes: email)
                )
            }
        }
        action = cells.withCell(.userStatus) { RequestedAction(importStatus: $0) }
    }

    /// The validity and the key of `email`.
    private static func check(_ email: String) -> (Bool, DirectoryKey) {
        (EmailAddress.isValid(email), DirectoryKey(forEmail: email))
    }

    /// Whether the cell of `column` is empty, without making its string.
    func isEmpty(_ column: ImportColumn) -> Bool { cells.isEmpty(column) }

    /// Whether the row has as many fields as the header.
    public var hasExpectedFieldCount: Bool { fieldCount == expectedFieldCount }

    /// Calls `body` with the seven profile cells, Email ID to Department, encoded as a user's record begins.
    func withProfileCells<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        cells.withProfile(body)
    }

    /// The row's email and names as its result and mail read them, sharing the cells' memory.
    var profile: ProfileBytes { cells.profile }

    /// The stored record of the user a New row creates: its profile cells, `state` and the times. The cells
    /// become the record in place (when no copy of the row holds them too); the row goes on reading its profile
    /// cells from the record, and its status is empty.
    mutating func takePackedUser(state: UserState, createdAt: Int64, updatedAt: Int64) -> PackedUser {
        var taken = RowCells.empty
        swap(&taken, &cells)
        let user: PackedUser
        (user, cells) = (consume taken).packedUser(state: state, createdAt: createdAt, updatedAt: updatedAt)
        return user
    }
}
