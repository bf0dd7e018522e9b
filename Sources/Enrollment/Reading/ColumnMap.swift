/// Each `ImportColumn`'s field index in a row of a file, or none when the file lacks the column: eight integers
/// inline. A row is mapped with it without touching an array; mapping a row from the `ImportHeader` copied the
/// header, retaining and releasing its arrays, twice a row.
struct ColumnMap: Sendable, Equatable {
    /// The field index per column raw value, -1 for a missing column.
    private var indices = SIMD8<Int32>(repeating: -1)

    /// The map of `fieldIndices`, one per `ImportColumn` in order (`ImportHeader.fieldIndices`).
    init(_ fieldIndices: [Int?]) {
        precondition(fieldIndices.count == ImportColumn.allCases.count && fieldIndices.count == indices.scalarCount)
        for (column, index) in fieldIndices.enumerated() {
            if let index { indices[column] = Int32(index) }
        }
    }

    /// The field index of the column with this raw value, nil when the file lacks the column.
    @inline(__always)
    subscript(column: Int) -> Int? {
        let index = indices[column]
        return index < 0 ? nil : Int(index)
    }

    /// The number of columns.
    var count: Int { indices.scalarCount }
}
