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
    /// A chunk of the mail of a committing operation, queued only when its `committed` entry follows.
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
            writer.writeByte(Self.changesTag)
            writer.writeVarInt(id)
            writer.writeCount(changes.count)
            for change in changes { Self.encode(change, into: &writer) }
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
        writer.writeByte(1)
        user.withBytes { writer.writeRaw($0) }
    }

    /// Appends the change that removes the user with `key`.
    static func encodeRemove(key: String, into writer: inout RecordWriter) {
        writer.writeByte(2)
        writer.writeString(key)
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
}
