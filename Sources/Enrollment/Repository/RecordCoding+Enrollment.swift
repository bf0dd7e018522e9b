import Storage

/// Stable one-byte codes for the model's enums: the position in each list is the code written to disk, so new
/// cases are only ever appended.
enum StableCodes {
    /// Codes of `UserState`.
    static let userStates: [UserState] = [.invited, .active, .inactive]
    /// Codes of `OperationKind`.
    static let operationKinds: [OperationKind] = [.userImport, .bulkInvite]
    /// Codes of `OperationState`.
    static let operationStates: [OperationState] = [.queued, .running, .completed, .rejected, .interrupted]
    /// Codes of `RequestedAction` (written plus one; 0 means none).
    static let actions: [RequestedAction] = [.new, .update, .delete, .activate, .invite]
    /// Codes of `RowOutcome`.
    static let outcomes: [RowOutcome] = [
        .created, .updated, .deleted, .activated, .invited, .reinvited, .skipped, .ignored, .duplicate, .failed,
    ]
    /// Codes of `MailKind`.
    static let mailKinds: [MailKind] = [.invitation, .activation]

    /// The code of `value`; a value missing from `list` is a programmer error.
    static func code<T: Equatable>(_ value: T, in list: [T]) -> UInt8 {
        guard let index = list.firstIndex(of: value) else { preconditionFailure("\(value) has no stable code") }
        return UInt8(index)
    }

    /// The value of `code`; throws `.malformedRecord` for unknown codes.
    static func value<T>(_ code: UInt8, in list: [T]) throws(StorageError) -> T {
        guard Int(code) < list.count else { throw .malformedRecord(reason: "unknown code \(code) for \(T.self)") }
        return list[Int(code)]
    }
}

extension RecordWriter {
    /// Appends a user: seven strings, state code, created and updated times.
    mutating func write(_ user: User) {
        write(size: user.encodedSize) { $0.write(user) }
    }

    /// Appends the non-zero outcome counts.
    mutating func write(_ counts: OutcomeCounts) {
        let present = StableCodes.outcomes.filter { counts[$0] > 0 }
        writeCount(present.count)
        for outcome in present {
            writeByte(StableCodes.code(outcome, in: StableCodes.outcomes))
            writeCount(counts[outcome])
        }
    }

    /// Appends an operation record.
    mutating func write(_ record: OperationRecord) {
        writeVarInt(record.id)
        writeByte(StableCodes.code(record.kind, in: StableCodes.operationKinds))
        writeString(record.fileName)
        writeString(record.uploadedBy)
        writeVarInt(record.createdAt)
        writeVarInt(record.finishedAt)
        writeByte(StableCodes.code(record.state, in: StableCodes.operationStates))
        writeString(record.reason)
        writeCount(record.processedRows)
        writeCount(record.totalRows)
        write(record.counts)
        writeCount(record.warnings.count)
        for warning in record.warnings { writeString(warning) }
        writeBool(record.resendInvitations)
    }

    /// Appends a row result.
    mutating func write(_ result: RowResult) {
        write(size: result.encodedSize) { $0.write(result) }
    }

    /// Appends a mail intent.
    mutating func write(_ intent: MailIntent) {
        write(size: intent.encodedSize) { $0.write(intent) }
    }

    /// Appends a list of mail intents: its count, then each.
    mutating func write(_ mail: [MailIntent]) {
        writeCount(mail.count)
        for intent in mail { write(intent) }
    }
}

/// The encodings of the records written for every row, field by field into memory sized beforehand (see
/// `FieldEncoder`): a user, a row result and a mail intent.
extension FieldEncoder {
    mutating func write(_ user: User) {
        writeString(user.email)
        writeString(user.firstName)
        writeString(user.lastName)
        writeString(user.alternateID)
        writeString(user.workPhone)
        writeString(user.title)
        writeString(user.department)
        writeByte(StableCodes.code(user.state, in: StableCodes.userStates))
        writeVarInt(user.createdAt)
        writeVarInt(user.updatedAt)
    }

    mutating func write(_ result: RowResult) {
        writeCount(result.rowNumber)
        writeString(result.email)
        writeByte(result.action.map { StableCodes.code($0, in: StableCodes.actions) + 1 } ?? 0)
        writeByte(StableCodes.code(result.outcome, in: StableCodes.outcomes))
        writeString(result.reason)
    }

    mutating func write(_ intent: MailIntent) {
        writeByte(StableCodes.code(intent.kind, in: StableCodes.mailKinds))
        writeString(intent.email)
        writeString(intent.firstName)
        writeString(intent.lastName)
        writeVarInt(intent.operationID)
        writeCount(intent.rowNumber)
    }
}

extension User {
    /// The bytes of its record encoding.
    var encodedSize: Int {
        FieldEncoder.size(ofString: email) + FieldEncoder.size(ofString: firstName)
            + FieldEncoder.size(ofString: lastName) + FieldEncoder.size(ofString: alternateID)
            + FieldEncoder.size(ofString: workPhone) + FieldEncoder.size(ofString: title)
            + FieldEncoder.size(ofString: department) + 1 + FieldEncoder.size(ofVarInt: createdAt)
            + FieldEncoder.size(ofVarInt: updatedAt)
    }
}

extension RowResult {
    /// The bytes of its record encoding.
    var encodedSize: Int {
        FieldEncoder.size(ofVarUInt: UInt64(rowNumber)) + FieldEncoder.size(ofString: email) + 2
            + FieldEncoder.size(ofString: reason)
    }
}

extension MailIntent {
    /// The bytes of its record encoding.
    var encodedSize: Int {
        1 + FieldEncoder.size(ofString: email) + FieldEncoder.size(ofString: firstName)
            + FieldEncoder.size(ofString: lastName) + FieldEncoder.size(ofVarInt: operationID)
            + FieldEncoder.size(ofVarUInt: UInt64(rowNumber))
    }
}

extension RecordReader {
    /// Reads what `write(_: User)` wrote.
    mutating func readUser() throws(StorageError) -> User {
        User(
            email: try readString(), firstName: try readString(), lastName: try readString(),
            alternateID: try readString(), workPhone: try readString(), title: try readString(),
            department: try readString(), state: try StableCodes.value(readByte(), in: StableCodes.userStates),
            createdAt: try readVarInt(), updatedAt: try readVarInt())
    }

    /// Reads what `write(_: OutcomeCounts)` wrote.
    mutating func readCounts() throws(StorageError) -> OutcomeCounts {
        var counts = OutcomeCounts()
        for _ in 0..<(try readCount()) {
            let outcome = try StableCodes.value(readByte(), in: StableCodes.outcomes)
            counts.add(outcome, count: try readCount())
        }
        return counts
    }

    /// Reads what `write(_: OperationRecord)` wrote.
    mutating func readOperation() throws(StorageError) -> OperationRecord {
        let id = try readVarInt()
        let kind = try StableCodes.value(readByte(), in: StableCodes.operationKinds)
        var record = OperationRecord(
            id: id, kind: kind, fileName: try readString(), uploadedBy: try readString(), createdAt: try readVarInt())
        record.finishedAt = try readVarInt()
        record.state = try StableCodes.value(readByte(), in: StableCodes.operationStates)
        record.reason = try readString()
        record.processedRows = try readCount()
        record.totalRows = try readCount()
        record.counts = try readCounts()
        for _ in 0..<(try readCount()) { record.warnings.append(try readString()) }
        record.resendInvitations = try readBool()
        return record
    }

    /// Reads what `write(_: RowResult)` wrote.
    mutating func readRowResult() throws(StorageError) -> RowResult {
        let row = try readCount()
        let email = try readString()
        let actionCode = try readByte()
        let action = actionCode == 0 ? nil : try StableCodes.value(actionCode - 1, in: StableCodes.actions)
        let outcome = try StableCodes.value(readByte(), in: StableCodes.outcomes)
        return RowResult(rowNumber: row, email: email, action: action, outcome: outcome, reason: try readString())
    }

    /// Reads what `write(_: [MailIntent])` wrote.
    mutating func readMailIntents() throws(StorageError) -> [MailIntent] {
        var mail: [MailIntent] = []
        for _ in 0..<(try readCount()) { mail.append(try readMailIntent()) }
        return mail
    }

    /// Reads what `write(_: MailIntent)` wrote.
    mutating func readMailIntent() throws(StorageError) -> MailIntent {
        MailIntent(
            kind: try StableCodes.value(readByte(), in: StableCodes.mailKinds), email: try readString(),
            firstName: try readString(), lastName: try readString(), operationID: try readVarInt(),
            rowNumber: try readCount())
    }
}
