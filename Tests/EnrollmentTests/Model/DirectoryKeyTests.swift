import Storage
import Testing

@testable import Enrollment

struct DirectoryKeyTests {
    /// Strings of every length around the 24 bytes a key holds in itself, from an alphabet with a zero byte, a
    /// two-byte letter and the characters of an address.
    static func randomStrings(count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "b", "@", ".", "z", "1", "\u{0}", "é"]
        return (0..<count).map { _ in
            let length = Int.random(in: 0...40, using: &generator)
            return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }

    /// The hash's low 32 bits, which `UserTable` keeps in its slots, tell apart addresses that differ in one
    /// character anywhere in their words: of 200,000 keys held in their words, at most a handful share their low
    /// bits (about 5 are expected by chance), and keys one word apart spread over the table's buckets.
    @Test func lowBitsOfTheHashTellKeysApart() {
        let emails = (0..<200_000).map { "user\($0)@example.org" } + (0..<1000).map { "a@b.c\($0)" }
        let low = Set(emails.map { UInt32(truncatingIfNeeded: DirectoryKey(forEmail: $0).hashBits) })
        #expect(emails.count - low.count < 50)
        var buckets = [Int](repeating: 0, count: 256)
        for email in emails.prefix(25_600) { buckets[DirectoryKey(forEmail: email).hashBits & 0xFF] += 1 }
        #expect(buckets.allSatisfy { (50...150).contains($0) }, "\(buckets.min()!)…\(buckets.max()!) a bucket")
    }

    /// A key gives back its string, whether held in its words or spilled.
    @Test(arguments: [
        "", "a", "user123456@example.com", String(repeating: "x", count: 24), String(repeating: "y", count: 25),
        "first.lastname@subsidiary.example.com", "a\u{0}b", "\u{0}", "caf\u{E9}@x.org",
    ])
    func givesBackItsString(_ string: String) {
        #expect(DirectoryKey(string).string == string)
        #expect(Array(DirectoryKey(string).string.utf8) == Array(string.utf8))
    }

    /// Equality, hashing and order are those of the UTF-8 bytes, across the 24-byte boundary and with zero bytes
    /// (where zero padding alone would make "a" and "a\0" one key).
    @Test func equalityAndOrderAreByteOrder() {
        let strings = Self.randomStrings(count: 4000)
        let byBytes = Dictionary(strings.map { (Array($0.utf8), $0) }, uniquingKeysWith: { first, _ in first })
        let expected = byBytes.keys.sorted { $0.lexicographicallyPrecedes($1) }
        let keys = Set(strings.map { DirectoryKey($0) })
        #expect(keys.count == byBytes.count)
        #expect(keys.sorted().map { Array($0.string.utf8) } == expected)
        for (bytes, string) in byBytes.prefix(500) {
            #expect(keys.contains(DirectoryKey(string)))
            let extended = DirectoryKey(string + "\u{0}")
            #expect(extended != DirectoryKey(string) && DirectoryKey(string) < extended, "\(bytes)")
        }
    }

    /// Keys at the boundary: 24 bytes stay in the key, 25 spill; a prefix sorts first; equal keys made apart are
    /// equal.
    @Test func boundaryKeys() {
        let held = String(repeating: "a", count: 24)
        let spilled = held + "a"
        #expect(DirectoryKey(held) < DirectoryKey(spilled) && !(DirectoryKey(spilled) < DirectoryKey(held)))
        #expect(DirectoryKey(spilled) == DirectoryKey(String(repeating: "a", count: 25)))
        #expect(DirectoryKey(spilled + "b") != DirectoryKey(spilled + "c"))
        #expect(DirectoryKey(spilled + "b") < DirectoryKey(spilled + "c"))
        #expect(DirectoryKey("a") < DirectoryKey("a\u{0}") && DirectoryKey("a\u{0}") < DirectoryKey("a\u{0}\u{0}"))
        #expect(DirectoryKey("a") != DirectoryKey("a\u{0}"))
    }

    /// A key costs a table no more than a string did: five words.
    @Test func isFiveWords() {
        #expect(MemoryLayout<DirectoryKey>.size == 40)
    }

    /// The key of an email lower-cases ASCII letters only, as `User.key(forEmail:)` does, without making that string.
    @Test(arguments: [
        "Ann.Lee@Example.ORG", "ann@x.org", "ÉLodie@X.org", "A\u{0}B@x", String(repeating: "Q", count: 30) + "@x",
    ])
    func keyForEmailLowerCasesASCII(_ email: String) {
        #expect(DirectoryKey(forEmail: email) == DirectoryKey(User.key(forEmail: email)))
        #expect(DirectoryKey(forEmail: email).string == User.key(forEmail: email))
    }

    /// A packed user's key is made from its record's bytes, and reading a record keys it the same way.
    @Test func packedUserKeyIsItsEmailsKey() throws {
        let user = PackedUserTests.user
        #expect(PackedUser(user).key == DirectoryKey(forEmail: user.email))
        var writer = RecordWriter()
        writer.write(user)
        let (key, packed) = try writer.bytes.withUnsafeBytes { raw in
            var reader = RecordReader(raw)
            return try PackedUser.readKeyed(from: &reader)
        }
        #expect(key == DirectoryKey("ann.lee@example.org"))
        #expect(packed == PackedUser(user))
    }
}
