import Storage

extension PackedUser {
    /// The user an Update row makes of this one: each non-empty profile cell of `row` (First Name to Department)
    /// replaces the user's, while the email keeps its spelling and the state and creation time stay; `updatedAt`
    /// becomes `now`. Nil when no cell changes anything. Worked on the two encodings (the row's cells are encoded
    /// as a user's record begins), without making a `User` or a `String`.
    func updated(withCellsOf row: ImportRow, now: Int64) -> PackedUser? {
        withBytes { raw in
            row.withProfileCells { cells in
                let user = raw.assumingMemoryBound(to: UInt8.self)
                let fields = RowCells.profileColumns
                return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: 2 * fields) { ranges in
                    let tailStart = EncodedFields.walk(user, count: fields) { index, range in
                        ranges.initializeElement(at: index, to: range)
                    }
                    EncodedFields.walk(cells, count: fields) { index, range in
                        ranges.initializeElement(at: fields + index, to: range)
                    }
                    // The field kept: the user's email, else the row's cell unless it is empty.
                    func takesCell(_ index: Int) -> Bool { index > 0 && !ranges[fields + index].isEmpty }
                    var changed = false
                    var size = 0
                    for index in 0..<fields {
                        let kept = takesCell(index) ? ranges[fields + index] : ranges[index]
                        size += FieldEncoder.size(ofBytes: kept.count)
                        if takesCell(index) && !user[ranges[index]].elementsEqual(cells[kept]) { changed = true }
                    }
                    guard changed else { return nil }
                    var tail = RecordReader(UnsafeRawBufferPointer(rebasing: raw[tailStart...]))
                    guard let code = try? tail.readByte(),
                        let state = try? StableCodes.value(code, in: StableCodes.userStates),
                        let createdAt = try? tail.readVarInt()
                    else { preconditionFailure("a packed user decodes") }
                    size += FieldEncoder.userTailSize(createdAt: createdAt, updatedAt: now)
                    return PackedUser(
                        adopting: PackedBytes.make(count: size) { start in
                            FieldEncoder.fill(start, size: size) { encoder in
                                for index in 0..<fields {
                                    encoder.writeBytes(
                                        takesCell(index)
                                            ? UnsafeBufferPointer(rebasing: cells[ranges[fields + index]])
                                            : UnsafeBufferPointer(rebasing: user[ranges[index]]))
                                }
                                encoder.writeUserTail(state: state, createdAt: createdAt, updatedAt: now)
                            }
                        })
                }
            }
        }
    }
}
