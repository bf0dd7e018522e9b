import Testing

@testable import Enrollment

struct ColumnMapTests {
    /// The map gives back each column's field index, and nil for a column the file lacks, as the header's array
    /// has them; a header maps its rows through it.
    @Test func givesBackTheHeadersIndices() throws {
        let indices: [Int?] = [3, nil, 0, 7, nil, 1000, 1, nil]
        let map = ColumnMap(indices)
        #expect((0..<map.count).map { map[$0] } == indices)
        let header = try ImportHeader(
            Record(line: 1, fields: ["Last Name", "Nickname", "User Status", "Email", "First Name"]))
        #expect((0..<header.columns.count).map { header.columns[$0] } == header.fieldIndices)
        #expect(header.columns == ColumnMap(header.fieldIndices))
    }
}
