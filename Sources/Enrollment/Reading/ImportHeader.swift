/// The header row of an import file, mapped to the columns the console understands.
public struct ImportHeader: Sendable, Equatable {
    /// Fields in the header row; every data row must have as many.
    public let fieldCount: Int
    /// For each `ImportColumn` (by raw value), the index of its field, or nil when the file lacks the column.
    public let fieldIndices: [Int?]
    /// Notes for the report: unknown or unnamed columns, which are ignored.
    public let warnings: [String]
    /// The line the header row is on.
    public let line: Int
    /// `fieldIndices` inline, for mapping each row.
    let columns: ColumnMap

    /// Maps a header record. Throws `FileRefusal.duplicateColumn` for a column named twice and
    /// `FileRefusal.missingColumns` naming every required column that is absent.
    public init(_ record: Record) throws(FileRefusal) {
        var indices = [Int?](repeating: nil, count: ImportColumn.allCases.count)
        var warnings: [String] = []
        for index in 0..<record.fieldCount {
            let name = record.trimmedField(index)
            guard let column = ImportColumn(headerName: name) else {
                warnings.append(
                    name.isEmpty
                        ? "Column \(index + 1) has no name and is ignored"
                        : "Unknown column ignored: \(name)")
                continue
            }
            guard indices[column.rawValue] == nil else { throw .duplicateColumn(name, line: record.line) }
            indices[column.rawValue] = index
        }
        let missing = ImportColumn.allCases.filter { $0.isRequired && indices[$0.rawValue] == nil }
        guard missing.isEmpty else { throw .missingColumns(missing.map(\.displayName)) }
        fieldCount = record.fieldCount
        fieldIndices = indices
        columns = ColumnMap(indices)
        self.warnings = warnings
        line = record.line
    }

    /// The index of `column`'s field, or nil when the file lacks it.
    public func index(of column: ImportColumn) -> Int? {
        fieldIndices[column.rawValue]
    }
}
