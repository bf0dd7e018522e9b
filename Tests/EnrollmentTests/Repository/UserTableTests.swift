import TestSupport
import Testing

@testable import Enrollment

struct UserTableTests {
    static func packed(_ key: String, _ version: Int) -> PackedUser {
        PackedUser(User(email: key, firstName: "v\(version)"))
    }

    static func contents(_ table: UserTable) -> [String: PackedUser] {
        Dictionary(uniqueKeysWithValues: table.map { ($0.key.string, $0.value) })
    }

    /// Random puts, replacements and removals over a small key space (so removals move entries and shift slots
    /// all the time): after every step the table answers and iterates exactly like a `Dictionary`.
    @Test(arguments: [40, 600, 5000])
    func behavesLikeADictionary(keySpace: Int) {
        var generator = SplitMix64(seed: UInt64(keySpace))
        var table = UserTable()
        var model: [String: PackedUser] = [:]
        for step in 0..<20_000 {
            let key = "k\(Int.random(in: 0..<keySpace, using: &generator))@x.org"
            let directoryKey = DirectoryKey(key)
            if Int.random(in: 0..<3, using: &generator) == 0 {
                #expect(table.removeValue(forKey: directoryKey) == model.removeValue(forKey: key))
            } else {
                let user = Self.packed(key, step)
                #expect(table.updateValue(user, forKey: directoryKey) == model.updateValue(user, forKey: key))
            }
            #expect(table.count == model.count)
            let probe = "k\(Int.random(in: 0..<keySpace, using: &generator))@x.org"
            #expect(table[DirectoryKey(probe)] == model[probe])
        }
        #expect(Self.contents(table) == model)
        #expect(table.count == Set(table.map(\.key)).count, "each key iterated once")
    }

    /// Entries come back in insertion order; removing one moves the last into its place.
    @Test func iteratesInInsertionOrder() {
        var table = UserTable()
        for key in ["a@x", "b@x", "c@x", "d@x"] { table[DirectoryKey(key)] = Self.packed(key, 0) }
        #expect(table.map(\.key.string) == ["a@x", "b@x", "c@x", "d@x"])
        table[DirectoryKey("b@x")] = nil
        #expect(table.map(\.key.string) == ["a@x", "d@x", "c@x"])
        #expect(table[DirectoryKey("d@x")] == Self.packed("d@x", 0) && table[DirectoryKey("b@x")] == nil)
        #expect(table.keys { $0 == Self.packed("c@x", 0) }.map(\.string) == ["c@x"])
    }

    /// A copy is a value: changing either leaves the other as it was.
    @Test func copiesAreIndependent() {
        var original = UserTable()
        for index in 0..<100 { original[DirectoryKey("u\(index)@x")] = Self.packed("u\(index)@x", 0) }
        var copy = original
        copy[DirectoryKey("u1@x")] = nil
        copy[DirectoryKey("u2@x")] = Self.packed("u2@x", 9)
        copy[DirectoryKey("new@x")] = Self.packed("new@x", 0)
        #expect(original.count == 100 && copy.count == 100)
        #expect(original[DirectoryKey("u1@x")] != nil && original[DirectoryKey("new@x")] == nil)
        #expect(original[DirectoryKey("u2@x")] == Self.packed("u2@x", 0))
        #expect(copy[DirectoryKey("u2@x")] == Self.packed("u2@x", 9))
    }

    /// Room reserved for many users (buffers large enough to come from the kernel) holds them without growing,
    /// and the table stays correct when it outgrows the reservation.
    @Test func reservedTablesHoldAndGrow() {
        var table = UserTable()
        table.reserveCapacity(300_000)
        for index in 0..<320_000 { table[DirectoryKey("user\(index)@x.org")] = Self.packed("user\(index)@x.org", 0) }
        #expect(table.count == 320_000)
        #expect(table[DirectoryKey("user0@x.org")] != nil && table[DirectoryKey("user319999@x.org")] != nil)
        #expect(table[DirectoryKey("user320000@x.org")] == nil)
        for index in stride(from: 0, to: 320_000, by: 2) { table[DirectoryKey("user\(index)@x.org")] = nil }
        #expect(table.count == 160_000)
        #expect(table[DirectoryKey("user1@x.org")] != nil && table[DirectoryKey("user2@x.org")] == nil)
    }

    /// A reserved table's memory is faulted in by a thread of its own: dropping tables while that thread runs
    /// (a run abandoned at once) unmaps nothing the next table uses, and every table keeps its users.
    @Test func tablesDroppedWhilePrefaultingLeaveOthersIntact() {
        var kept = UserTable()
        kept.reserveCapacity(200_000)
        for round in 0..<12 {
            var dropped = UserTable()
            dropped.reserveCapacity(400_000)
            dropped[DirectoryKey("r\(round)@x.org")] = Self.packed("r\(round)@x.org", round)
            #expect(dropped.count == 1)
            for index in round * 1000..<(round + 1) * 1000 {
                kept[DirectoryKey("user\(index)@x.org")] = Self.packed("user\(index)@x.org", round)
            }
        }
        #expect(kept.count == 12_000)
        #expect(kept[DirectoryKey("user11999@x.org")] == Self.packed("user11999@x.org", 11))
        #expect(kept[DirectoryKey("user0@x.org")] == Self.packed("user0@x.org", 0))
    }
}
