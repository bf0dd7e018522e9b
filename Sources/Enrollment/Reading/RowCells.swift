import Storage

/// An import row's eight cells in one allocation, made where the row is read: the seven profile cells (Email ID
/// to Department, in `ImportColumn` order) encoded as a user's record begins (length, then UTF-8 bytes; see
/// `FieldEncoder.write(_: User)`), then the User Status cell's bytes, then room for the rest of a user's record.
///
/// A New row's cells become its user's `PackedUser` in place (`packedUser`): the state and times are written over
/// the status. So a row costs one allocation and no `String` per cell, and the user it creates costs nothing more.
struct RowCells: @unchecked Sendable, Equatable {
    // `@unchecked`: the bytes change only in `packedUser`, which holds the only reference to them.
    /// The profile part (the object's count), the status bytes (`statusCount`), and the room after.
    private var storage: PackedBytes
    /// The length of the User Status cell.
    private let statusCount: Int

    /// The profile cells, `ImportColumn.email` to `.department`.
    static let profileColumns = 7
    /// The room a user's record needs after its strings: the state, and two times of up to seven bytes each (times
    /// before the year 10,000). Times that need more make `packedUser` copy. Not more: the room stays with the user
    /// in the directory, and at a million users each byte is a megabyte.
    static let userTailRoom = 15

    /// The cells at `ranges` of `bytes`, one range per `ImportColumn` in order (empty for a missing column).
    init(_ bytes: UnsafeBufferPointer<UInt8>, ranges: UnsafeBufferPointer<Range<Int>>) {
        precondition(ranges.count == ImportColumn.allCases.count, "one range per column")
        var profileSize = 0
        for column in 0..<Self.profileColumns { profileSize += FieldEncoder.size(ofBytes: ranges[column].count) }
        let status = UnsafeBufferPointer(rebasing: bytes[ranges[ImportColumn.userStatus.rawValue]])
        statusCount = status.count
        storage = PackedBytes.make(count: profileSize, capacity: profileSize + max(status.count, Self.userTailRoom)) {
            start in
            FieldEncoder.fill(start, size: profileSize) { encoder in
                for column in 0..<Self.profileColumns {
                    encoder.writeBytes(UnsafeBufferPointer(rebasing: bytes[ranges[column]]))
                }
            }
            if let statusStart = status.baseAddress {
                (start + profileSize).update(from: statusStart, count: status.count)
            }
        }
    }

    /// The cells of these strings, one per `ImportColumn` in order (for rows made by tests and factories).
    init(_ values: [String]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for value in values {
            let start = bytes.count
            bytes += value.utf8
            ranges.append(start..<bytes.count)
        }
        self = bytes.withUnsafeBufferPointer { bytes in ranges.withUnsafeBufferPointer { RowCells(bytes, ranges: $0) } }
    }

    /// Eight empty cells, shared.
    static let empty = RowCells(Array(repeating: "", count: ImportColumn.allCases.count))

    /// The cell of `column` as a string ("" for an empty one).
    func string(_ column: ImportColumn) -> String {
        withCell(column) { cell in
            if cell.isEmpty { return "" }
            return String(unsafeUninitializedCapacity: cell.count) { buffer in
                buffer.baseAddress!.update(from: cell.baseAddress!, count: cell.count)
                return cell.count
            }
        }
    }

    /// Calls `body` with the bytes of `column`'s cell.
    @inline(__always)
    func withCell<Result>(_ column: ImportColumn, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withAllBytes { all in
            if column == .userStatus { return body(UnsafeBufferPointer(rebasing: all[(all.count - statusCount)...])) }
            var range = 0..<0
            EncodedFields.walk(all, count: column.rawValue + 1) { _, field in range = field }
            return body(UnsafeBufferPointer(rebasing: all[range]))
        }
    }

    /// Calls `body` with the seven profile cells, encoded as a user's record begins.
    func withProfile<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withBytes { body($0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// The user record these cells begin, completed with `state` and the times: in place, when this is the only
    /// reference to the cells (the row is consumed), else in a copy.
    consuming func packedUser(state: UserState, createdAt: Int64, updatedAt: Int64) -> PackedUser {
        let tail = FieldEncoder.userTailSize(createdAt: createdAt, updatedAt: updatedAt)
        func writeTail(_ start: UnsafeMutablePointer<UInt8>) {
            FieldEncoder.fill(start, size: tail) {
                $0.writeUserTail(state: state, createdAt: createdAt, updatedAt: updatedAt)
            }
        }
        if isKnownUniquelyReferenced(&storage), storage.append(count: tail, writeTail) {
            return PackedUser(adopting: storage)
        }
        return storage.withBytes { profile in
            PackedUser(
                adopting: PackedBytes.make(count: profile.count + tail) { start in
                    start.update(from: profile.baseAddress!.assumingMemoryBound(to: UInt8.self), count: profile.count)
                    writeTail(start + profile.count)
                })
        }
    }

    static func == (lhs: RowCells, rhs: RowCells) -> Bool {
        lhs.statusCount == rhs.statusCount && lhs.storage.count == rhs.storage.count
            && lhs.withAllBytes { mine in rhs.withAllBytes { theirs in mine.elementsEqual(theirs) } }
    }

    /// Calls `body` with the profile and status bytes (the profile part is the object's count; the status follows).
    @inline(__always)
    private func withAllBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withBytes { profile in
            body(
                UnsafeBufferPointer(
                    start: profile.baseAddress?.assumingMemoryBound(to: UInt8.self), count: profile.count + statusCount)
            )
        }
    }
}
