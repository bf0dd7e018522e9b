/// Why an uploaded import or bulk-invite file is refused whole; nothing of a refused file is applied.
///
/// Thrown by the readers (`TextDecoder`, `RecordSplitter`, `ImportReader`, `InviteReader`) and by the processors.
/// Positions are 1-based line numbers or 0-based byte offsets in the file as uploaded (BOM included).
/// `message` is the sentence shown to the admin and kept in the history as the operation's reason.
public enum FileRefusal: Error, Sendable, Equatable {
    /// The file has no bytes (or only a byte-order mark).
    case empty
    /// The file has text, but only blank lines: there is no header row.
    case noHeaderRow
    /// Required columns are absent from the header row; their names in the documented spelling.
    case missingColumns([String])
    /// Two header cells name the same column (e.g. `Email` and `Email ID`); the second one as written.
    case duplicateColumn(String, line: Int)
    /// The bytes are not text: invalid UTF-8, an unpaired UTF-16 surrogate, an odd UTF-16 length, or a NUL.
    case notText(byteOffset: Int, detail: String)
    /// The file is larger than `ReadingLimits.maxFileBytes`.
    case tooLarge(limit: Int)
    /// The file has more data rows (or invite entries) than `ReadingLimits.maxRows`; found at this line.
    case tooManyRows(limit: Int, line: Int)
    /// One record is longer than `ReadingLimits.maxRecordBytes`, usually a quote that is never closed.
    case recordTooLong(line: Int, limit: Int)
    /// A bulk-invite file without a single address.
    case noAddresses
    /// The stored upload could not be opened or read; `errno` from the system.
    case unreadable(errno: Int32)
    /// Not the file's fault: the operation sink failed while the file was being applied (e.g. disk full).
    case sinkFailed(String)

    /// The reason in words for the admin.
    public var message: String {
        switch self {
        case .empty:
            return "The file is empty."
        case .noHeaderRow:
            return "The file has no header row."
        case .missingColumns(let names) where names.count == 1:
            return "Required column missing: \(names[0])."
        case .missingColumns(let names):
            return "Required columns missing: \(names.joined(separator: ", "))."
        case .duplicateColumn(let name, let line):
            return "Column \"\(name)\" is named twice in the header row (line \(line))."
        case .notText(let offset, let detail):
            return "The file is not text (\(detail) at byte \(offset)). Save it as UTF-8 or Unicode text."
        case .tooLarge(let limit):
            return "The file is larger than the limit of \(ReadingLimits.describeBytes(limit))."
        case .tooManyRows(let limit, let line):
            return "The file has more than \(limit) rows (line \(line)); split it into smaller files."
        case .recordTooLong(let line, let limit):
            return "The row starting at line \(line) is longer than \(ReadingLimits.describeBytes(limit)); "
                + "is a quote left open?"
        case .noAddresses:
            return "The file contains no email addresses."
        case .unreadable(let code):
            return "The uploaded file could not be read (error \(code))."
        case .sinkFailed(let detail):
            return "The operation could not be recorded: \(detail)"
        }
    }
}
