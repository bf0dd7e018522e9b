import Storage

/// One staged change to the directory, as a commit carries it: the user travels packed, as stored.
enum DirectoryChange: Sendable, Equatable {
    /// Insert or replace the user with this key.
    case put(key: String, PackedUser)
    /// Remove the user with this key.
    case remove(key: String)
}

/// A record of the repository's journal. An operation's directory changes travel in `changes` records followed by
/// one `committed` record; replay applies them only when the `committed` record is present.
enum JournalEntry: Equatable {
    /// A new operation (queued, or rejected at once).
    case operationCreated(OperationRecord)
    /// The job started the operation.
    case operationStarted(id: Int64, at: Int64)
    /// The operation ended without applying anything (rejected or interrupted): its final record.
    case operationEnded(OperationRecord)
    /// A chunk of the directory changes of a committing operation, and the mail they cause (queued only when its
    /// `committed` entry follows). A put that stands for its user's mail (`mailedPutTag`) carries only the mail's
    /// kind and row; other mail is an item of its own (`mailItemTag`). Decoded, the mail is in the items' order.
    case changes(operationID: Int64, [DirectoryChange], mail: [MailIntent] = [])
    /// A chunk of the mail of a committing operation, queued only when its `committed` entry follows (runs now
    /// write their mail in their `changes` entries).
    case mail(operationID: Int64, [MailIntent])
    /// The commit point: the final record, plus mail to queue besides the operation's `mail` chunks (runs write
    /// all their mail in chunks and leave this empty; journals from before chunks carry it all here). Changes
    /// and mail of the operation apply now.
    case committed(OperationRecord, mail: [MailIntent])
    /// The operation's mail was written to the outbox.
    case mailSpooled(operationID: Int64)

    /// Directory changes per `changes` record, to keep frames small.
    static let changesPerRecord = 4096
    /// Mail intents per `mail` record.
    static let mailPerRecord = 4096
    /// The tag of a `changes` entry (see `JournalChunk`).
    static let changesTag: UInt8 = 4
    /// The tag of a `mail` entry.
    static let mailTag: UInt8 = 7
    /// Item tags in a `changes` entry: a put (the user's record), a removal (the key), a put that stands for mail
    /// to its user (the record, then the mail's kind and row), and mail alone (the intent).
    static let putTag: UInt8 = 1
    static let removeTag: UInt8 = 2
    static let mailedPutTag: UInt8 = 3
    static let mailItemTag: UInt8 = 4

    /// Appends this entry's payload (tag byte, then fields).
    func encode(into writer: inout RecordWriter) {
        switch self {
        case .operationCreated(let record):
            writer.writeByte(1)
            writer.write(record)
        case .operationStarted(let id, let at):
            writer.writeByte(2)
            writer.writeVarInt(id)
            writer.writeVarInt(at)
        case .operationEnded(let record):
            writer.writeByte(3)
            writer.write(record)
        case .changes(let id, let changes, let mail):
            writer.writeByte(Self.changesTag)
            writer.writeVarInt(id)
            writer.writeCount(changes.count + mail.count)
            for change in changes { Self.encode(change, into: &writer) }
            for intent in mail { Self.encodeMailItem(intent, into: &writer) }
        case .mail(let id, let mail):
            writer.writeByte(Self.mailTag)
            writer.writeVarInt(id)
            writer.write(mail)
        case .committed(let record, let mail):
            writer.writeByte(5)
            writer.write(record)
            writer.write(mail)
        case .mailSpooled(let id):
            writer.writeByte(6)
            writer.writeVarInt(id)
        }
    }

    /// Appends one directory change.
    static func encode(_ change: DirectoryChange, into writer: inout RecordWriter) {
        switch change {
        case .put(_, let user): encodePut(user, into: &writer)
        case .remove(let key): encodeRemove(key: key, into: &writer)
        }
    }

    /// Appends the change that puts `user`.
    static func encodePut(_ user: PackedUser, into writer: inout RecordWriter) {
        writer.writeByte(putTag)
        user.withBytes { writer.writeRaw($0) }
    }

    /// What turns a put just encoded into one standing for `intent` (its user is the addressee, see
    /// `PackedUser.isAddressee(of:)`): the item's tag becomes `mailedPutTag`, and this follows the record.
    static func encodeMailOfPut(_ intent: MailIntent, into writer: inout RecordWriter) {
        encodeMailOfPut(kind: intent.kind, rowNumber: intent.rowNumber, into: &writer)
    }

    /// `encodeMailOfPut(_:into:)` from the mail's kind and row alone.
    static func encodeMailOfPut(kind: MailKind, rowNumber: Int, into writer: inout RecordWriter) {
        writer.writeByte(kind.stableCode)
        writer.writeCount(rowNumber)
    }

    /// Appends the change that removes the user with `key`.
    static func encodeRemove(key: String, into writer: inout RecordWriter) {
        writer.writeByte(removeTag)
        writer.writeString(key)
    }

    /// Appends mail that no put stands for.
    static func encodeMailItem(_ intent: MailIntent, into writer: inout RecordWriter) {
        writer.writeByte(mailItemTag)
        writer.write(intent)
    }

    /// Reads one entry; throws `.malformedRecord` on an unknown tag or short payload.
    static func decode(_ reader: inout RecordReader) throws(StorageError) -> JournalEntry {
        switch try reader.readByte() {
        case 1: return .operationCreated(try reader.readOperation())
        case 2: return .operationStarted(id: try reader.readVarInt(), at: try reader.readVarInt())
        case 3: return .operationEnded(try reader.readOperation())
        case 4:
            let id = try reader.readVarInt()
            let count = try reader.readCount()
            var changes: [DirectoryChange] = []
            var mail: [MailIntent] = []
            changes.reserveCapacity(count)
            for _ in 0..<count {
                switch try reader.readByte() {
                case putTag:
                    let (key, user) = try PackedUser.read(from: &reader)
                    changes.append(.put(key: key, user))
                case removeTag: changes.append(.remove(key: try reader.readString()))
                case mailedPutTag:
                    let (key, user) = try PackedUser.read(from: &reader)
                    changes.append(.put(key: key, user))
                    let (email, firstName, lastName) = user.addressee
                    mail.append(
                        try reader.readMailOfPut(
                            email: email, firstName: firstName, lastName: lastName, operationID: id))
                case mailItemTag: mail.append(try reader.readMailIntent())
                case let tag: throw .malformedRecord(reason: "directory change tag \(tag)")
                }
            }
            return .changes(operationID: id, changes, mail: mail)
        case 5:
            let record = try reader.readOperation()
            let mail = try reader.readMailIntents()
            return .committed(record, mail: mail)
        case 6: return .mailSpooled(operationID: try reader.readVarInt())
        case 7:
            let id = try reader.readVarInt()
            let mail = try reader.readMailIntents()
            return .mail(operationID: id, mail)
        case let tag: throw .malformedRecord(reason: "journal entry tag \(tag)")
        }
    }

    /// The mail of a `mail` or `changes` entry, in order, without decoding the directory changes around it (the
    /// outbox reads a run's mail this way). Throws `.malformedRecord` for other entries and damage.
    static func decodeMail(_ reader: inout RecordReader) throws(StorageError) -> [MailIntent] {
        switch try reader.readByte() {
        case mailTag:
            _ = try reader.readVarInt()
            return try reader.readMailIntents()
        case changesTag:
            let id = try reader.readVarInt()
            var mail: [MailIntent] = []
            for _ in 0..<(try reader.readCount()) {
                switch try reader.readByte() {
                case putTag: try reader.skipUserRecord()
                case removeTag: try reader.skipString()
                case mailedPutTag: mail.append(try reader.readMailedPut(operationID: id))
                case mailItemTag: mail.append(try reader.readMailIntent())
                case let tag: throw .malformedRecord(reason: "directory change tag \(tag)")
                }
            }
            return mail
        case let tag: throw .malformedRecord(reason: "journal entry tag \(tag) holds no mail")
        }
    }
}
