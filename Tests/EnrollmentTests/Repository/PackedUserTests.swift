import Storage
import Testing

@testable import Enrollment

struct PackedUserTests {
    static let user = User(
        email: "Ann.Lee@Example.org", firstName: "Ann", lastName: "Lée", alternateID: "A-1", workPhone: "+1 555",
        title: "Engineer", department: String(repeating: "D", count: 300), state: .active, createdAt: -5,
        updatedAt: 1_700_000_000_000)

    /// The packed bytes are the user's record encoding, and decode back to the same user.
    @Test func holdsTheRecordEncodingOfTheUser() {
        let packed = PackedUser(Self.user)
        var writer = RecordWriter()
        writer.write(Self.user)
        #expect(packed.withBytes { Array($0) } == writer.bytes)
        #expect(packed.user == Self.user)
        #expect(!packed.isRemovedMark)
    }

    /// Reading a user from a record keeps its bytes (and nothing after them), with the lower-cased key.
    @Test func readKeepsExactlyTheUsersBytes() throws {
        var writer = RecordWriter()
        writer.write(Self.user)
        writer.writeRaw([0xFF, 0xFE])
        let (key, packed) = try writer.bytes.withUnsafeBytes { raw in
            var reader = RecordReader(raw)
            return try PackedUser.read(from: &reader)
        }
        #expect(key == "ann.lee@example.org")
        #expect(packed == PackedUser(Self.user))
        #expect(packed.user == Self.user)
    }

    /// Equality compares the bytes: same user equal, any changed field not, the removed mark only itself.
    @Test func equalityComparesTheBytes() {
        var renamed = Self.user
        renamed.lastName = "Lee"
        #expect(PackedUser(Self.user) == PackedUser(Self.user))
        #expect(PackedUser(Self.user) != PackedUser(renamed))
        #expect(PackedUser.removed.isRemovedMark)
        #expect(PackedUser.removed != PackedUser(Self.user))
        #expect(PackedUser.removed.withBytes(\.count) == 0)
    }

    /// Matching reads the first three fields in place, ignoring ASCII case; later fields never match.
    @Test(arguments: [("ann.lee", true), ("lée", true), ("example", true), ("engineer", false), ("zed", false)])
    func matchesEmailAndNames(needle: String, expected: Bool) {
        #expect(PackedUser(Self.user).matches(Array(needle.utf8)) == expected)
    }
}
