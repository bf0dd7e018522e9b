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
    /// A chunk of the directory changes of a committing operation.
    case changes(operationID: Int64, [DirectoryChange])
    /// The commit point: the final record and the mail to queue. Changes of the operation apply now.
    case committed(OperationRecord, mail: [MailIntent])
    /// The operation's mail was written to the outbox.
    case mailSpooled(operationID: Int64)

    /// Directory changes per `changes` record, to keep frames small.
    static let changesPerRecord = 4096

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
        case .changes(let id, let changes):
            writer.writeByte(4)
            writer.writeVarInt(id)
            writer.writeCount(changes.count)
            for change in changes { Self.encode(change, into: &writer) }
        case .committed(let record, let mail):
            writer.writeByte(5)
            writer.write(record)
            writer.writeCount(mail.count)
            for intent in mail { writer.write(intent) }
        case .mailSpooled(let id):
            writer.writeByte(6)
            writer.writeVarInt(id)
        }
    }

    /// Appends one directory change.
    static func encode(_ change: DirectoryChange, into writer: inout RecordWriter) {
        switch change {
        case .put(_, let user):
            writer.writeByte(1)
            writer.writeRaw(user.bytes)
        case .remove(let key):
            writer.writeByte(2)
            writer.writeString(key)
        }
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
            changes.reserveCapacity(count)
            for _ in 0..<count {
                switch try reader.readByte() {
                case 1:
                    let (key, user) = try PackedUser.read(from: &reader)
                    changes.append(.put(key: key, user))
                case 2: changes.append(.remove(key: try reader.readString()))
                case let tag: throw .malformedRecord(reason: "directory change tag \(tag)")
                }
            }
            return .changes(operationID: id, changes)
        case 5:
            let record = try reader.readOperation()
            var mail: [MailIntent] = []
            for _ in 0..<(try reader.readCount()) { mail.append(try reader.readMailIntent()) }
            return .committed(record, mail: mail)
        case 6: return .mailSpooled(operationID: try reader.readVarInt())
        case let tag: throw .malformedRecord(reason: "journal entry tag \(tag)")
        }
    }
}
