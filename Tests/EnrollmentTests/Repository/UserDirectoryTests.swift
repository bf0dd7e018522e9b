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
            #expect(directory.sortedKeys.map(\.string) == directory.records.map(\.key.string).sorted())
        }
    }

    /// A run's final changes merged both ways (its table into the directory, and the directory into its larger
    /// table), with the added keys worked out by the merge or beforehand on `AddedKeys`' thread: the same users
    /// and sorted keys as applying the changes one by one.
    @Test(arguments: [(3, false), (60, false), (400, false), (3, true), (60, true), (400, true)])
    func mergeOfARunMatchesApplyingItsChanges(runSize: Int, isPresorted: Bool) {
        var generator = SystemRandomNumberGenerator()
        var merged = UserDirectory()
        var applied = UserDirectory()
        for round in 0..<12 {
            var puts = UserTable()
            var removals: Set<DirectoryKey> = []
            var changes: [DirectoryChange] = []
            for _ in 0..<runSize {
                let key = DirectoryKey("k\(Int.random(in: 0..<300, using: &generator))@x.org")
                if Bool.random(using: &generator) {
                    let user = PackedUser(RepositoryFixture.user(key.string, first: "Round\(round)"))
                    puts[key] = user
                    removals.remove(key)
                    changes.append(.put(key: key.string, user))
                } else {
                    puts[key] = nil
                    removals.insert(key)
                    changes.append(.remove(key: key.string))
                }
            }
            if isPresorted {
                let added = AddedKeys(puts: puts, directory: merged)
                added.waitForTables()
                merged.merge(puts: &puts, removals: removals, added: added)
                // A copy taken before the sort is taken in sees the same keys, and they are sorted once.
                let copy = merged
                #expect(copy.sortedKeys == merged.sortedKeys)
                if Bool.random(using: &generator) { merged.settleSortedKeys() }
            } else {
                merged.merge(puts: &puts, removals: removals)
            }
            applied.apply([changes])
            #expect(merged.records == applied.records)
            #expect(merged.sortedKeys == applied.sortedKeys)
        }
    }

    /// A run that replaces every user (as many puts as users) takes the directory's place: the users are the
    /// run's, the sorted keys unchanged.
    @Test func mergeOfAnUpdateOfEveryone() {
        let keys = (0..<200).map { DirectoryKey("u\($0)@x.org") }
        var directory = UserDirectory()
        var puts = UserTable(keys.map { ($0, PackedUser(RepositoryFixture.user($0.string))) })
        directory.merge(puts: &puts, removals: [])
        puts = UserTable(keys.map { ($0, PackedUser(RepositoryFixture.user($0.string, first: "New"))) })
        directory.merge(puts: &puts, removals: [])
        #expect(directory.count == 200 && directory.sortedKeys == keys.sorted())
        #expect(keys.allSatisfy { directory.user(forKey: $0)?.firstName == "New" })
    }

    /// A run at least as large as a non-empty directory is merged by swapping the tables, without keys found
    /// beforehand (`wantsAddedKeys` says so): the users it replaced and added, those it removed and those it did not
    /// touch all end where they belong, in order.
    @Test func swappedMergeFindsTheKeysTheRunAdded() {
        let old = (0..<100).map { DirectoryKey("u\($0)@x.org") }
        var directory = UserDirectory()
        var puts = UserTable(old.map { ($0, PackedUser(RepositoryFixture.user($0.string))) })
        directory.merge(puts: &puts, removals: [])
        let added = (100..<160).map { DirectoryKey("u\($0)@x.org") }
        let replaced = Array(old[20..<80])
        let removed = Set(old[0..<10])
        #expect(!directory.wantsAddedKeys(forPuts: replaced.count + added.count))
        puts = UserTable((added + replaced).map { ($0, PackedUser(RepositoryFixture.user($0.string, first: "New"))) })
        directory.merge(puts: &puts, removals: removed)
        let expected = Set(old).subtracting(removed).union(added)
        #expect(directory.count == expected.count && directory.sortedKeys == expected.sorted())
        #expect((added + replaced).allSatisfy { directory.user(forKey: $0)?.firstName == "New" })
        #expect(old[80...].allSatisfy { directory.user(forKey: $0)?.firstName != "New" })
        #expect(removed.allSatisfy { directory.user(forKey: $0) == nil })
        #expect(!UserDirectory().wantsAddedKeys(forPuts: 10) && directory.wantsAddedKeys(forPuts: 10))
    }

    /// A first large import into an empty directory has its keys collected and sorted after the merge: the order
    /// is there when asked for, and the next merge goes on from it.
    @Test func firstLargeMergeSortsItsKeysAfterward() {
        let count = AddedKeys.threadThreshold + 10
        let keys = (0..<count).map { DirectoryKey("u\(($0 * 7_919) % count)@x.org") }
        var directory = UserDirectory()
        var puts = UserTable(keys.map { ($0, PackedUser(RepositoryFixture.user($0.string))) })
        directory.merge(puts: &puts, removals: [])
        #expect(directory.inProgress != nil)
        #expect(directory.count == count && directory.sortedKeys == keys.sorted())
        let more = (0..<5).map { DirectoryKey("v\($0)@x.org") }
        puts = UserTable(more.map { ($0, PackedUser(RepositoryFixture.user($0.string))) })
        directory.merge(puts: &puts, removals: [keys[0]])
        #expect(directory.inProgress == nil)
        #expect(directory.sortedKeys == (Array(keys.dropFirst()) + more).sorted())
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
        #expect(keys.map { DirectoryKey($0) }.sorted().map(\.string) == keys.sorted())
    }

    /// Key order (prefixes first) agrees with string order across lengths around its 8- and 16-byte halves and on shared prefixes.
    @Test func sortedAgreesWithStringOrder() {
        var generator = SystemRandomNumberGenerator()
        let strings = (0..<3000).map { _ in
            let length = Int.random(in: 0...24, using: &generator)
            return String((0..<length).map { _ in "ab@.z1".randomElement(using: &generator)! })
        }
        let keys = Set(strings).map { DirectoryKey($0) }
        #expect(keys.sorted().map(\.string) == Set(strings).sorted())
    }

    /// Keys are equal, hashed and ordered by their bytes: equal bytes make equal keys in a set, and two spellings
    /// `String` calls equal (composed and decomposed "é") are two keys, in UTF-8 byte order.
    @Test func keysCompareTheirBytes() {
        let composed = DirectoryKey("caf\u{E9}@x.org")
        let decomposed = DirectoryKey("cafe\u{301}@x.org")
        #expect(composed.string == decomposed.string)
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed, DirectoryKey("caf\u{E9}@x.org")]).count == 2)
        #expect(decomposed < composed && !(composed < decomposed))
        #expect([composed, decomposed].sorted() == [decomposed, composed])
    }
}
