/// Bytes that begin with a user's profile fields as a record encodes them (see `FieldEncoder.write(_: User)`):
/// an import row's cells (`RowCells`) or a user's record (`PackedUser`), the email first, then the first and last
/// name. A row's result and its mail read their email and names from here, so an import row makes no `String` for
/// them on its way to the results file and the journal.
struct ProfileBytes: @unchecked Sendable {
    // `@unchecked`: the fields read here are written before the object is shared and never after (a New row's
    // cells become its user's record by bytes appended after them, see `RowCells.packedUser`).
    let storage: PackedBytes

    /// Calls `body` with the bytes of field `index`: 0 the email, 1 the first name, 2 the last name.
    @inline(__always)
    func withField<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withBytes { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            var range = 0..<0
            EncodedFields.walk(bytes, count: index + 1) { _, field in range = field }
            return body(UnsafeBufferPointer(rebasing: bytes[range]))
        }
    }

    /// Field `index` as a string.
    func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The mail of `kind` to the user these fields describe.
    func mail(_ kind: MailKind, operationID: Int64, rowNumber: Int) -> MailIntent {
        MailIntent(
            kind: kind, email: string(0), firstName: string(1), lastName: string(2), operationID: operationID,
            rowNumber: rowNumber)
    }
}
