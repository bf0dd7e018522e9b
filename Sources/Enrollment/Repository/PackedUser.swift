import Storage

/// A user as the directory keeps it in memory: its record encoding in one allocation (8 bytes in the table,
/// instead of seven strings inline). The same bytes go to the journal and the snapshot.
struct PackedUser: @unchecked Sendable, Equatable {
    // `@unchecked`: `PackedBytes` is immutable once made, and nothing here writes to it.
    /// The user's record encoding (see `RecordWriter.write(_: User)`).
    private let storage: PackedBytes

    /// Encodes `user`.
    init(_ user: borrowing User) {
        let size = user.encodedSize
        storage = PackedBytes.make(count: size) { FieldEncoder.fill($0, size: size) { $0.write(user) } }
    }

    /// The user whose record encoding `storage` holds (`RowCells` makes them); nothing else may write to it.
    init(adopting storage: PackedBytes) { self.storage = storage }

    /// A run's mark for a user it removed, kept in its table of staged users (no user encodes to no bytes), so
    /// one probe tells a later row whether the run put, removed or did not touch a key.
    static let removed = PackedUser(adopting: PackedBytes.make(count: 0) { _ in })

    /// The record's email and names, as a result or a mail reads them, sharing the record's memory.
    var profile: ProfileBytes { ProfileBytes(storage: storage) }

    /// Whether this is the `removed` mark.
    var isRemovedMark: Bool { storage.count == 0 }

    /// Calls `body` with the user's record encoding.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withBytes(body)
    }

    static func == (lhs: PackedUser, rhs: PackedUser) -> Bool { lhs.storage.hasSameBytes(as: rhs.storage) }

    /// Reads one encoded user at the reader's position, keeping its bytes; returns it with its directory key.
    static func read(from reader: inout RecordReader) throws(StorageError) -> (key: String, user: PackedUser) {
        let start = reader.position
        let email = try reader.readString()
        return (User.key(forEmail: email), try readRecord(from: &reader, start: start, stringsLeft: 6))
    }

    /// `read(from:)` with the key made from the record's bytes, without a `String` (a cold start reads a million).
    static func readKeyed(from reader: inout RecordReader) throws(StorageError) -> (key: DirectoryKey, user: PackedUser)
    {
        let user = try readRecord(from: &reader, start: reader.position, stringsLeft: 7)
        return (user.key, user)
    }

    /// Reads the rest of the encoded user that begins at `start`, checking its fields, and keeps a copy of its
    /// bytes.
    private static func readRecord(from reader: inout RecordReader, start: Int, stringsLeft: Int) throws(StorageError)
        -> PackedUser
    {
        for _ in 0..<stringsLeft { try reader.skipString() }
        _ = try reader.readByte()
        _ = try reader.readVarInt()
        _ = try reader.readVarInt()
        return PackedUser(adopting: reader.withBytes(from: start) { PackedBytes.make(copying: $0) })
    }

    /// The directory key of the user's email (`User.key(forEmail:)`), made from the record's bytes.
    var key: DirectoryKey {
        storage.withBytes { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            var email = 0..<0
            EncodedFields.walk(bytes, count: 1) { _, field in email = field }
            return DirectoryKey(forEmailBytes: UnsafeBufferPointer(rebasing: bytes[email]))
        }
    }

    /// The user (decoding never fails on bytes this type encoded).
    var user: User {
        storage.withBytes { raw in
            var reader = RecordReader(raw)
            guard let user = try? reader.readUser() else { preconditionFailure("a packed user decodes") }
            return user
        }
    }

    /// Whether the email, first or last name contains `needle` (lower-case bytes), ignoring ASCII case; reads
    /// the bytes in place.
    func matches(_ needle: [UInt8]) -> Bool {
        storage.withBytes { raw in
            var reader = RecordReader(raw)
            for _ in 0..<3 {
                guard let count = try? reader.readCount() else { return false }
                let start = reader.position
                guard (try? reader.skipBytes(count)) != nil else { return false }
                if Self.contains(UnsafeRawBufferPointer(rebasing: raw[start..<start + count]), needle) { return true }
            }
            return false
        }
    }

    /// Whether `text` contains `needle` (lower-case), ignoring ASCII case in `text`.
    static func contains(_ text: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard text.count >= needle.count else { return false }
        for start in 0...(text.count - needle.count) {
            var matched = true
            for j in 0..<needle.count {
                var byte = text[start + j]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != needle[j] {
                    matched = false
                    break
                }
            }
            if matched { return true }
        }
        return false
    }
}
