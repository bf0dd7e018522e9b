import Testing

@testable import Enrollment

struct UserDirectoryTests {
    static func change(_ key: String, present: Bool) -> DirectoryChange {
        present ? .put(key: key, PackedUser(RepositoryFixture.user(key))) : .remove(key: key)
    }

    /// Random batches of puts and removes (small batches take the insert path, large ones the merge path):
    /// the sorted keys always equal the sorted dictionary keys.
    @Test(arguments: [5, 40, 300])
    func sortedKeysFollowEveryBatch(batchSize: Int) {
        var directory = UserDirectory()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<30 {
            var batch: [DirectoryChange] = []
            for _ in 0..<batchSize {
                let key = "k\(Int.random(in: 0..<200, using: &generator))@x.org"
                batch.append(Self.change(key, present: Bool.random(using: &generator)))
            }
            directory.apply([batch])
            #expect(directory.sortedKeys.map(\.string) == directory.records.keys.map(\.string).sorted())
        }
    }

    @Test func removeThenPutAndPutThenRemoveInOneBatch() {
        var directory = UserDirectory()
        directory.apply([["a", "b", "c"].map { Self.change("\($0)@x.org", present: true) }])
        directory.apply([
            [
                Self.change("b@x.org", present: false), Self.change("b@x.org", present: true),
                Self.change("new@x.org", present: true), Self.change("new@x.org", present: false),
                Self.change("c@x.org", present: false), Self.change("c@x.org", present: true),
                Self.change("c@x.org", present: false),
            ]
        ])
        #expect(directory.sortedKeys.map(\.string) == ["a@x.org", "b@x.org"])
        #expect(directory.count == 2)
    }

    @Test func prefixSortMatchesStringOrder() {
        let keys = ["user10@x.org", "user1@x.org", "a", "", "user100@x.org", "abcdefgh", "abcdefghi", "abcdefgg"]
        #expect(UserDirectory.sorted(keys.map(DirectoryKey.init)).map(\.string) == keys.sorted())
    }

    /// The prefix sort agrees with `<` across lengths around its 8- and 16-byte halves and on shared prefixes.
    @Test func sortedAgreesWithStringOrder() {
        var generator = SystemRandomNumberGenerator()
        let strings = (0..<3000).map { _ in
            let length = Int.random(in: 0...24, using: &generator)
            return String((0..<length).map { _ in "ab@.z1".randomElement(using: &generator)! })
        }
        let keys = Set(strings).map(DirectoryKey.init)
        #expect(UserDirectory.sorted(keys).map(\.string) == Set(strings).sorted())
    }
}
