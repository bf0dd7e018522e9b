import Storage

/// An import row's eight cells in one allocation, made where the row is read: the seven profile cells (Email ID
/// to Department, in `ImportColumn` order) encoded as a user's record begins (length, then UTF-8 bytes; see
/// `FieldEncoder.write(_: User)`), then the User Status cell's bytes, then room for the rest of a user's record.
///
/// A New row's cells become its user's `PackedUser` in place (`packedUser`): the state and times are written over
/// the status. So a row costs one allocation and no `String` per cell, and the user it creates costs nothing more.
/// The row's result and mail read the email and names from the same bytes (`profile`).
struct RowCells: @unchecked Sendable, Equatable {
    // `@unchecked`: the bytes change only in `packedUser`, which holds the only reference to them, and then only
    // after the profile part, which a `profile` taken later reads.
    /// The profile part (`profileCount` bytes), the status bytes (`statusCount`), and the room after.
    private var storage: PackedBytes
    /// The length of the profile part.
    private let profileCount: Int
    /// The length of the User Status cell.
    private let statusCount: Int
    /// Bit `column.rawValue` set for each empty cell: known where the row is read, so the rules' thread does not
    /// walk the cells to find out.
    private let emptyColumns: UInt8

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
        profileCount = profileSize
        var empty: UInt8 = 0
        for column in 0..<8 { empty |= UInt8(ranges[column].isEmpty ? 1 : 0) &<< UInt8(column) }
        emptyColumns = empty
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

    /// The profile cells that begin `user`'s record, with an empty status: what a New row holds once its cells
    /// became its user (`packedUser`).
    private init(profileOf user: PackedUser, profileCount: Int, emptyColumns: UInt8) {
        storage = user.profile.storage
        self.profileCount = profileCount
        statusCount = 0
        self.emptyColumns = emptyColumns | 1 << ImportColumn.userStatus.rawValue
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

    /// Whether the cell of `column` is empty.
    func isEmpty(_ column: ImportColumn) -> Bool { emptyColumns & 1 << column.rawValue != 0 }

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
        storage.withBytes { raw in
            body(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: profileCount))
        }
    }

    /// The cells as a result and a mail read their email and names, sharing the cells' memory.
    var profile: ProfileBytes { ProfileBytes(storage: storage) }

    /// The user record these cells begin, completed with `state` and the times: in place, when this is the only
    /// reference to the cells (the row is consumed), else in a copy. Returns the user, and the cells as they
    /// are now, the profile cells of that record.
    consuming func packedUser(state: UserState, createdAt: Int64, updatedAt: Int64) -> (PackedUser, RowCells) {
        let (count, empty) = (profileCount, emptyColumns)
        let user = makePackedUser(state: state, createdAt: createdAt, updatedAt: updatedAt)
        return (user, RowCells(profileOf: user, profileCount: count, emptyColumns: empty))
    }

    /// `packedUser`'s record.
    private consuming func makePackedUser(state: UserState, createdAt: Int64, updatedAt: Int64) -> PackedUser {
        let tail = FieldEncoder.userTailSize(createdAt: createdAt, updatedAt: updatedAt)
        func writeTail(_ start: UnsafeMutablePointer<UInt8>) {
            FieldEncoder.fill(start, size: tail) {
                $0.writeUserTail(state: state, createdAt: createdAt, updatedAt: updatedAt)
            }
        }
        // The storage's own count is the profile's until a tail is appended: cells that are a record already copy.
        if storage.count == profileCount, isKnownUniquelyReferenced(&storage),
            storage.append(count: tail, writeTail)
        {
            return PackedUser(adopting: storage)
        }
        return withProfile { profile in
            PackedUser(
                adopting: PackedBytes.make(count: profile.count + tail) { start in
                    start.update(from: profile.baseAddress!, count: profile.count)
                    writeTail(start + profile.count)
                })
        }
    }

    static func == (lhs: RowCells, rhs: RowCells) -> Bool {
        lhs.statusCount == rhs.statusCount && lhs.profileCount == rhs.profileCount
            && lhs.withAllBytes { mine in rhs.withAllBytes { theirs in mine.elementsEqual(theirs) } }
    }

    /// Calls `body` with the profile and status bytes (the status follows the profile part).
    @inline(__always)
    private func withAllBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withBytes { raw in
            body(
                UnsafeBufferPointer(
                    start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: profileCount + statusCount))
        }
    }
}
