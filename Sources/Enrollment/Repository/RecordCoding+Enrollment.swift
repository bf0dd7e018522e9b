import Storage

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
            writeByte(outcome.stableCode)
            writeCount(counts[outcome])
        }
    }

    /// Appends an operation record.
    mutating func write(_ record: OperationRecord) {
        writeVarInt(record.id)
        writeByte(record.kind.stableCode)
        writeString(record.fileName)
        writeString(record.uploadedBy)
        writeVarInt(record.createdAt)
        writeVarInt(record.finishedAt)
        writeByte(record.state.stableCode)
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
        writeUserTail(state: user.state, createdAt: user.createdAt, updatedAt: user.updatedAt)
    }

    /// The end of a user's record, after its seven strings (`RowCells` writes the strings itself).
    mutating func writeUserTail(state: UserState, createdAt: Int64, updatedAt: Int64) {
        writeByte(state.stableCode)
        writeVarInt(createdAt)
        writeVarInt(updatedAt)
    }

    /// The bytes `writeUserTail` writes.
    static func userTailSize(createdAt: Int64, updatedAt: Int64) -> Int {
        1 + size(ofVarInt: createdAt) + size(ofVarInt: updatedAt)
    }

    mutating func write(_ result: RowResult) {
        writeCount(result.rowNumber)
        result.withEmailBytes { writeBytes($0) }
        writeByte(result.action.map { $0.stableCode + 1 } ?? 0)
        writeByte(result.outcome.stableCode)
        writeString(result.reason)
    }

    mutating func write(_ intent: MailIntent) {
        writeByte(intent.kind.stableCode)
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
            + FieldEncoder.size(ofString: department)
            + FieldEncoder.userTailSize(createdAt: createdAt, updatedAt: updatedAt)
    }
}

extension RowResult {
    /// The bytes of its record encoding.
    var encodedSize: Int {
        FieldEncoder.size(ofVarUInt: UInt64(rowNumber)) + withEmailBytes { FieldEncoder.size(ofBytes: $0.count) } + 2
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
