import Storage
import Testing

@testable import Enrollment

struct JournalChunkTests {
    static let users = (0..<300).map {
        User(email: "User\($0)@Example.com", firstName: "Ann", lastName: "Lee \($0)", createdAt: 5, updatedAt: 6)
    }

    static let mail = (0..<300).map {
        MailIntent(
            kind: $0 % 3 == 0 ? .activation : .invitation, email: "u\($0)@x.org", firstName: "Zoë", lastName: "Lee",
            operationID: 1 << 40, rowNumber: $0 + 2)
    }

    /// The bytes built item by item are those of the whole entry, whatever the head's length (the count's varint
    /// grows from one byte to two at 128 items), and again after a reset.
    @Test(arguments: [0, 1, 127, 128, 300])
    func changesChunkEncodesLikeTheWholeEntry(count: Int) throws {
        let changes: [DirectoryChange] = Self.users.prefix(count).enumerated().map { index, user in
            index % 7 == 3 ? .remove(key: user.key) : .put(key: user.key, PackedUser(user))
        }
        var chunk = JournalChunk(tag: JournalEntry.changesTag, operationID: 1 << 40, capacity: 16)
        for round in 0..<2 {
            for change in changes { chunk.add { JournalEntry.encode(change, into: &$0) } }
            #expect(chunk.count == count && chunk.isEmpty == (count == 0))
            var whole = RecordWriter()
            JournalEntry.changes(operationID: 1 << 40, changes).encode(into: &whole)
            var sealed: [UInt8] = []
            chunk.seal { (payload) throws(Never) in sealed = Array(payload) }
            #expect(sealed == whole.bytes, "round \(round)")
            let decoded = try sealed.withUnsafeBytes { raw in
                var reader = RecordReader(raw)
                return try JournalEntry.decode(&reader)
            }
            #expect(decoded == .changes(operationID: 1 << 40, changes))
            chunk.reset()
            #expect(chunk.isEmpty)
        }
    }

    /// A chunk handed over whole carries the same payload, and goes on correctly in a recycled buffer.
    @Test func takenChunksCarryTheWholeEntry() throws {
        var chunk = JournalChunk(tag: JournalEntry.mailTag, operationID: 3, capacity: 8)
        var spare: [UInt8]?
        for round in 0..<3 {
            let mail = Array(Self.mail.dropFirst(round * 50).prefix(130))
            for intent in mail { chunk.add { $0.write(intent) } }
            let sealed = chunk.take(replacingWith: spare)
            #expect(chunk.isEmpty)
            let decoded = try sealed.bytes.withUnsafeBytes { raw in
                var reader = RecordReader(UnsafeRawBufferPointer(rebasing: raw[sealed.start...]))
                return try JournalEntry.decode(&reader)
            }
            #expect(decoded == .mail(operationID: 3, mail), "round \(round)")
            spare = sealed.bytes
        }
    }

    /// A spare handed in as the journal writer hands it out (a value nothing else keeps) is reused in place: the
    /// next chunk is built in its memory, not in a copy of it.
    @Test func chunksGoOnInTheSparesOwnMemory() {
        var chunk = JournalChunk(tag: JournalEntry.changesTag, operationID: 3, capacity: 8)
        var address: UInt?
        func spare() -> [UInt8]? {
            var buffer = [UInt8](repeating: 1, count: 3)
            buffer.reserveCapacity(4096)
            address = buffer.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
            return buffer
        }
        chunk.add { $0.writeByte(1) }
        _ = chunk.take(replacingWith: spare())
        chunk.add { $0.writeByte(2) }
        let next = chunk.take(replacingWith: nil)
        #expect(next.bytes.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == address)
        #expect(next.bytes.capacity >= 4096)
    }

    @Test func mailChunkEncodesLikeTheWholeEntry() throws {
        var chunk = JournalChunk(tag: JournalEntry.mailTag, operationID: 9)
        for intent in Self.mail { chunk.add { $0.write(intent) } }
        var sealed: [UInt8] = []
        chunk.seal { (payload) throws(Never) in sealed = Array(payload) }
        let decoded = try sealed.withUnsafeBytes { raw in
            var reader = RecordReader(raw)
            return try JournalEntry.decode(&reader)
        }
        #expect(decoded == .mail(operationID: 9, Self.mail))
    }
}

extension JournalChunkTests {
    /// A mail entry cut short or carrying an unknown mail kind is refused as malformed, not misread.
    @Test func damagedMailEntriesAreRefused() {
        var whole = RecordWriter()
        JournalEntry.mail(operationID: 9, Array(Self.mail.prefix(3))).encode(into: &whole)
        var unknownKind = whole.bytes
        unknownKind[3] = 0x7F  // tag, operation 9 (one byte), count 3, then the first intent's kind code
        for damaged in [Array(whole.bytes.dropLast()), unknownKind] {
            damaged.withUnsafeBytes { raw in
                var reader = RecordReader(raw)
                #expect(throws: StorageError.self) { try JournalEntry.decode(&reader) }
            }
        }
    }

    /// A put amended to stand for its user's mail carries only the kind and row after the record; mail to someone
    /// else is an item of its own. Decoded whole or for its mail alone, the mail comes back in order, its email and
    /// names taken from the record.
    @Test func putsStandForTheMailToTheirUsers() throws {
        let user = Self.users[4]
        let packed = PackedUser(user)
        let invitation = MailIntent(
            kind: .invitation, email: user.email, firstName: user.firstName, lastName: user.lastName,
            operationID: 9, rowNumber: 300)
        let other = Self.mail[1]
        #expect(packed.isAddressee(of: invitation))
        #expect(!packed.isAddressee(of: other))
        var renamed = invitation
        renamed.lastName = "Lee"
        #expect(!packed.isAddressee(of: renamed), "a name that differs")
        var chunk = JournalChunk(tag: JournalEntry.changesTag, operationID: 9)
        let start = chunk.add { JournalEntry.encodePut(packed, into: &$0) }
        let putSize = chunk.byteCount - start
        // The run asks the chunk itself, whose last item holds the record after its tag.
        for intent in [invitation, other, renamed] {
            let fromChunk = chunk.withItems(from: start + 1) { PackedUser.record($0, isAddresseeOf: intent) }
            #expect(fromChunk == packed.isAddressee(of: intent))
        }
        chunk.amendLastItem(at: start, tag: JournalEntry.mailedPutTag) {
            JournalEntry.encodeMailOfPut(invitation, into: &$0)
        }
        #expect(chunk.byteCount - start == putSize + 3, "the kind, and row 300 in two bytes")
        chunk.add { JournalEntry.encodeRemove(key: "gone@x.org", into: &$0) }
        chunk.add { JournalEntry.encodeMailItem(other, into: &$0) }
        var sealed: [UInt8] = []
        chunk.seal { (payload) throws(Never) in sealed = Array(payload) }
        let (decoded, mail) = try sealed.withUnsafeBytes { raw in
            var reader = RecordReader(raw)
            var mailReader = reader
            return (try JournalEntry.decode(&reader), try JournalEntry.decodeMail(&mailReader))
        }
        let changes: [DirectoryChange] = [.put(key: user.key, packed), .remove(key: "gone@x.org")]
        #expect(decoded == .changes(operationID: 9, changes, mail: [invitation, other]))
        #expect(mail == [invitation, other])
    }

    /// A changes entry whose mail is damaged (a put standing for mail of an unknown kind, an entry cut short in
    /// its mail) is refused as malformed, whether decoded whole or for its mail alone.
    @Test func damagedMailInChangesEntriesIsRefused() {
        let user = Self.users[0]
        let invitation = MailIntent(
            kind: .invitation, email: user.email, firstName: user.firstName, lastName: user.lastName,
            operationID: 9, rowNumber: 2)
        var chunk = JournalChunk(tag: JournalEntry.changesTag, operationID: 9)
        let start = chunk.add { JournalEntry.encodePut(PackedUser(user), into: &$0) }
        chunk.amendLastItem(at: start, tag: JournalEntry.mailedPutTag) {
            JournalEntry.encodeMailOfPut(invitation, into: &$0)
        }
        chunk.add { JournalEntry.encodeMailItem(Self.mail[0], into: &$0) }
        var sealed: [UInt8] = []
        chunk.seal { (payload) throws(Never) in sealed = Array(payload) }
        // The kind of the put's mail sits right after its record, which follows the tag, operation, count and item
        // tag.
        var unknownKind = sealed
        unknownKind[4 + PackedUser(user).withBytes { $0.count }] = 0x7F
        for damaged in [Array(sealed.dropLast()), unknownKind] {
            damaged.withUnsafeBytes { raw in
                var whole = RecordReader(raw)
                #expect(throws: StorageError.self) { try JournalEntry.decode(&whole) }
                var mailOnly = RecordReader(raw)
                #expect(throws: StorageError.self) { try JournalEntry.decodeMail(&mailOnly) }
            }
        }
    }
}
