import Glibc
import Storage

/// A put that stands for the mail it causes (`JournalEntry.mailedPutTag`): the mail's email and names are the
/// user record's first three strings, so the journal keeps only its kind and row.
extension PackedUser {
    /// Whether `intent` is addressed to this user as recorded: its email, first and last name are byte for byte
    /// the record's own.
    func isAddressee(of intent: MailIntent) -> Bool {
        withBytes { raw in Self.record(raw.assumingMemoryBound(to: UInt8.self), isAddresseeOf: intent) }
    }

    /// `isAddressee(of:)` for the user record that begins `record` (a put's item in a journal chunk, say).
    static func record(_ record: UnsafeBufferPointer<UInt8>, isAddresseeOf intent: MailIntent) -> Bool {
        var isSame = true
        EncodedFields.walk(record, count: 3) { index, range in
            let value = index == 0 ? intent.email : index == 1 ? intent.firstName : intent.lastName
            isSame =
                isSame
                && value.withUTF8Bytes { bytes in
                    bytes.count == range.count
                        && (range.isEmpty
                            || memcmp(bytes.baseAddress!, record.baseAddress! + range.lowerBound, range.count) == 0)
                }
        }
        return isSame
    }

    /// The record's email, first and last name: the addressee of mail its put stands for.
    var addressee: (email: String, firstName: String, lastName: String) {
        withBytes { raw in
            var reader = RecordReader(raw)
            guard let email = try? reader.readString(), let firstName = try? reader.readString(),
                let lastName = try? reader.readString()
            else { preconditionFailure("a packed user decodes") }
            return (email, firstName, lastName)
        }
    }
}

extension RecordReader {
    /// Reads a user record that stands for mail, then the mail's kind and row (as `JournalEntry.encodeMailedPut`
    /// writes them after the record), and returns the mail.
    mutating func readMailedPut(operationID: Int64) throws(StorageError) -> MailIntent {
        let email = try readString()
        let firstName = try readString()
        let lastName = try readString()
        try skipUserRecord(afterStrings: 3)
        return try readMailOfPut(email: email, firstName: firstName, lastName: lastName, operationID: operationID)
    }

    /// Reads the kind and row that follow a user record standing for mail.
    mutating func readMailOfPut(
        email: String, firstName: String, lastName: String, operationID: Int64
    ) throws(StorageError) -> MailIntent {
        let kind = try StableCodes.value(readByte(), in: StableCodes.mailKinds)
        return MailIntent(
            kind: kind, email: email, firstName: firstName, lastName: lastName, operationID: operationID,
            rowNumber: try readCount())
    }

    /// Skips the rest of a user record of which `afterStrings` strings were read.
    mutating func skipUserRecord(afterStrings: Int = 0) throws(StorageError) {
        for _ in afterStrings..<7 { try skipString() }
        _ = try readByte()
        _ = try readVarInt()
        _ = try readVarInt()
    }
}
