import Foundation
import Glibc
import Storage
import Synchronization

/// Packed users by directory key: the directory's table and a run's staged users. A value with copy-on-write
/// storage, like `Dictionary`, which it replaces on the import's hot path.
///
/// Entries (key and user, 48 bytes) lie densely in insertion order; a separate index of 8-byte slots, at most half
/// full, finds them by linear probing. A slot holds the entry's position and the low 32 bits of its key's hash
/// (which also name the slot it belongs in), so a probe compares integers in one small array and reads an entry
/// only when the hash matches: a miss (every new user of an import) touches one cache line, a hit two, where
/// `Dictionary` touches its bitmap, its key array and its value array and hashes the stored hash again. The
/// key's hash is `DirectoryKey`'s seeded one, so crafted addresses cannot aim at one slot. Removal moves the last
/// entry into the hole, so iteration stays a walk over a dense array. Large buffers ask the kernel for huge pages:
/// a million users make random probes over tens of megabytes, where 4 KB pages miss the TLB on nearly every one.
struct UserTable: Sendable, Sequence, Equatable {
    typealias Element = (key: DirectoryKey, value: PackedUser)

    private var storage: Storage

    /// An empty table.
    init() { storage = Storage(capacity: 0) }

    /// A table of these entries (a later entry with an earlier one's key replaces it).
    init(_ entries: some Sequence<Element>) {
        self.init()
        for (key, value) in entries { updateValue(value, forKey: key) }
    }

    /// The number of users.
    var count: Int { storage.count }

    var isEmpty: Bool { storage.count == 0 }

    /// Makes room for `capacity` users without growing, faulting a large table's memory in ahead of use on a
    /// thread of its own (see `TableMemory`): reserve only what is expected to be filled.
    mutating func reserveCapacity(_ capacity: Int) {
        guard capacity > storage.capacity else { return }
        storage =
            isKnownUniquelyReferenced(&storage)
            ? storage.movingEntries(to: capacity, prefault: true) : storage.copied(to: capacity, prefault: true)
    }

    /// Starts bringing in the memory a look-up of a key with this hash (`DirectoryKey.hashBits`) reads first,
    /// without waiting for it: called a few rows ahead, so that row's probe finds its slot in the cache.
    func prefetch(keyHash: Int) {
        storage.prefetchTarget.prefetch(keyHash: keyHash)
    }

    /// Where this table's probes start, for prefetching them later without holding the table (or its lock).
    var prefetchTarget: PrefetchTarget { storage.prefetchTarget }

    /// The address and mask of a table's slots, and no reference to the table: a run takes the directory's once,
    /// and prefetches its rows' probes without taking the repository's lock a row (a thread at nice 10 holding
    /// that lock kept pages waiting). A hint only: an address the table no longer uses (it grew, or was freed) is
    /// harmless, as a prefetch never faults and reads nothing.
    struct PrefetchTarget: @unchecked Sendable {
        // `@unchecked`: the address is never read or written through, only prefetched.
        fileprivate let slots: UnsafeRawPointer
        fileprivate let mask: Int

        /// `UserTable.prefetch(keyHash:)`, on the slots as they were when the target was taken.
        @inline(__always)
        func prefetch(keyHash: Int) {
            let slot = Int(truncatingIfNeeded: Storage.tag(hash: keyHash)) & mask
            MemoryPrefetch.forWriting(slots + slot * MemoryLayout<UInt64>.stride)
        }
    }

    /// The user with this key.
    subscript(key: DirectoryKey) -> PackedUser? {
        get {
            guard let index = storage.find(key).entry else { return nil }
            return storage.entries[index].value
        }
        set {
            if let newValue { updateValue(newValue, forKey: key) } else { removeValue(forKey: key) }
        }
    }

    /// Puts `value` under `key`; returns the user it replaced.
    @discardableResult
    mutating func updateValue(_ value: PackedUser, forKey key: DirectoryKey) -> PackedUser? {
        makeUnique()
        var (slot, entry) = storage.find(key)
        if let entry {
            defer { storage.entries[entry].value = value }
            return storage.entries[entry].value
        }
        if storage.count == storage.capacity {
            storage = storage.movingEntries(to: Swift.max(16, storage.capacity * 2))
            slot = storage.find(key).slot
        }
        storage.insert((key, value), at: slot)
        return nil
    }

    /// Removes the user with `key`; returns it.
    @discardableResult
    mutating func removeValue(forKey key: DirectoryKey) -> PackedUser? {
        guard !isEmpty else { return nil }
        makeUnique()
        let (slot, entry) = storage.find(key)
        guard let entry else { return nil }
        return storage.remove(slot: slot, entry: entry)
    }

    /// The keys whose user satisfies `predicate`, read in place (iterating would copy every entry).
    func keys(where predicate: (PackedUser) -> Bool) -> [DirectoryKey] {
        (0..<storage.count).compactMap { predicate(storage.entries[$0].value) ? storage.entries[$0].key : nil }
    }

    /// The same users under the same keys, in whatever order.
    static func == (lhs: UserTable, rhs: UserTable) -> Bool {
        lhs.count == rhs.count && lhs.allSatisfy { rhs[$0.key] == $0.value }
    }

    /// The entries in insertion order (a removal moves the last entry into the hole).
    func makeIterator() -> Iterator { Iterator(storage: storage) }

    struct Iterator: IteratorProtocol {
        fileprivate let storage: Storage
        fileprivate var index = 0

        mutating func next() -> Element? {
            guard index < storage.count else { return nil }
            defer { index += 1 }
            return storage.entries[index]
        }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copied(to: storage.capacity) }
    }

    /// The index and entries; only `UserTable` touches them, and only after `makeUnique` when writing.
    fileprivate final class Storage: @unchecked Sendable {
        /// Entries the buffer holds before growing; the index has at least twice as many slots.
        let capacity: Int
        /// Live entries, `entries[0..<count]`.
        private(set) var count = 0
        let entries: UnsafeMutablePointer<Element>
        /// 0 for an empty slot, else (entry position + 1) << 32 | the low 32 bits of the key's hash.
        private let slots: UnsafeMutablePointer<UInt64>
        private let mask: Int
        private let entryMemory: TableMemory
        private let slotMemory: TableMemory

        init(capacity: Int, prefault: Bool = false) {
            self.capacity = capacity
            var slotCount = 16
            while slotCount < capacity * 2 { slotCount *= 2 }
            precondition(slotCount <= 1 << 32, "a user table holds fewer than 2^31 users")
            mask = slotCount - 1
            entryMemory = TableMemory(
                byteCount: MemoryLayout<Element>.stride * Swift.max(capacity, 1), prefault: prefault)
            entries = entryMemory.start.bindMemory(to: Element.self, capacity: Swift.max(capacity, 1))
            slotMemory = TableMemory(byteCount: MemoryLayout<UInt64>.stride * slotCount, prefault: prefault)
            slots = slotMemory.start.bindMemory(to: UInt64.self, capacity: slotCount)
        }

        deinit {
            entries.deinitialize(count: count)
            entryMemory.release()
            slotMemory.release()
        }

        /// A copy holding room for `capacity` entries (at least `count`).
        func copied(to capacity: Int, prefault: Bool = false) -> Storage {
            let copy = Storage(capacity: Swift.max(capacity, count), prefault: prefault)
            copy.entries.initialize(from: entries, count: count)
            copy.index(count)
            return copy
        }

        /// A storage holding room for `capacity` entries (at least `count`) that takes this one's entries,
        /// leaving it empty: growing a table nobody else holds moves its users instead of copying them (a copy
        /// retains every key and user, and freeing the old storage releases them all again).
        func movingEntries(to capacity: Int, prefault: Bool = false) -> Storage {
            let grown = Storage(capacity: Swift.max(capacity, count), prefault: prefault)
            grown.entries.moveInitialize(from: entries, count: count)
            grown.index(count)
            count = 0
            return grown
        }

        /// Takes `entries[0..<count]`, just filled in, into this empty storage's index.
        private func index(_ count: Int) {
            for index in 0..<count {
                let tag = Self.tag(entries[index].key)
                var slot = Int(truncatingIfNeeded: tag) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = UInt64(index + 1) << 32 | tag
            }
            self.count = count
        }

        /// The slots' address and mask.
        var prefetchTarget: PrefetchTarget { PrefetchTarget(slots: UnsafeRawPointer(slots), mask: mask) }

        /// The slot holding `key`, or the empty slot where it belongs, and its entry's position if present.
        @inline(__always)
        func find(_ key: DirectoryKey) -> (slot: Int, entry: Int?) {
            let tag = Self.tag(key)
            var slot = Int(truncatingIfNeeded: tag) & mask
            while true {
                let value = slots[slot]
                if value == 0 { return (slot, nil) }
                if value & 0xFFFF_FFFF == tag {
                    let entry = Int(truncatingIfNeeded: value >> 32) - 1
                    if entries[entry].key == key { return (slot, entry) }
                }
                slot = (slot + 1) & mask
            }
        }

        /// Appends `element` (its key absent) and points the empty `slot` at it; `count < capacity`.
        func insert(_ element: Element, at slot: Int) {
            (entries + count).initialize(to: element)
            count += 1
            slots[slot] = UInt64(count) << 32 | Self.tag(element.key)
        }

        /// Removes the entry at `entry` found in `slot`: the slots after it that probed past it move back, and
        /// the last entry moves into its place.
        func remove(slot: Int, entry: Int) -> PackedUser {
            var hole = slot
            var next = (slot + 1) & mask
            while slots[next] != 0 {
                let home = Int(truncatingIfNeeded: slots[next] & 0xFFFF_FFFF) & mask
                // The slot at `next` may fill the hole unless its home lies cyclically in (hole, next].
                let staysPut = hole < next ? (home > hole && home <= next) : (home > hole || home <= next)
                if !staysPut {
                    slots[hole] = slots[next]
                    hole = next
                }
                next = (next + 1) & mask
            }
            slots[hole] = 0
            let removed = (entries + entry).move().value
            count -= 1
            if entry != count {
                (entries + entry).moveInitialize(from: entries + count, count: 1)
                let tag = Self.tag(entries[entry].key)
                var moved = Int(truncatingIfNeeded: tag) & mask
                while slots[moved] >> 32 != UInt64(count + 1) { moved = (moved + 1) & mask }
                slots[moved] = UInt64(entry + 1) << 32 | tag
            }
            return removed
        }

        /// The low 32 bits of the key's hash.
        @inline(__always)
        private static func tag(_ key: DirectoryKey) -> UInt64 {
            tag(hash: key.hashBits)
        }

        /// The low 32 bits of a key's hash.
        @inline(__always)
        fileprivate static func tag(hash: Int) -> UInt64 {
            UInt64(truncatingIfNeeded: hash) & 0xFFFF_FFFF
        }

    }
}

/// Zero-filled memory for a table's buffer. A buffer of several megabytes comes straight from the kernel
/// (its pages are zero and faulted in only when touched), aligned to and advised for huge pages; a smaller one
/// from `calloc`. With `prefault`, a thread of its own faults the mapping's pages in ahead of use, so the thread
/// filling the table does not stop at each fresh page (zeroing fresh memory was a tenth of a million-row import's
/// rules thread on a VM); only sizes the caller expects to fill ask for it, as prefaulted memory is resident.
private struct TableMemory {
    static let hugePage = 2 << 20

    /// The usable bytes.
    let start: UnsafeMutableRawPointer
    /// The mapping, or nil when `start` came from `calloc`.
    private let mapping: Mapping?

    init(byteCount: Int, prefault: Bool = false) {
        if byteCount < 2 * Self.hugePage {
            guard let memory = calloc(1, byteCount) else { fatalError("out of memory for \(byteCount) bytes") }
            start = memory
            mapping = nil
            return
        }
        let rounded = (byteCount + Self.hugePage - 1) / Self.hugePage * Self.hugePage
        let length = rounded + Self.hugePage
        guard let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            base != MAP_FAILED
        else { fatalError("out of memory for \(byteCount) bytes") }
        let address = UInt(bitPattern: base)
        let aligned = (address + UInt(Self.hugePage) - 1) / UInt(Self.hugePage) * UInt(Self.hugePage)
        start = base + Int(aligned - address)
        _ = madvise(start, rounded, MADV_HUGEPAGE)
        let mapping = Mapping(base: base, length: length)
        if prefault { mapping.prefault(start: start, count: rounded) }
        self.mapping = mapping
    }

    func release() {
        if let mapping { mapping.release() } else { free(start) }
    }
}

/// An anonymous mapping of `TableMemory`, unmapped by whichever comes last of `release` and the prefaulting
/// thread (which stops early once released).
private final class Mapping: Sendable {
    /// Bytes faulted in per call, so a release need not wait for the whole mapping.
    static let step = 8 << 20

    private let base: UInt
    private let length: Int
    /// Whether the prefaulting thread runs, and whether the memory was released.
    private let state = Mutex((isPrefaulting: false, isReleased: false))

    init(base: UnsafeMutableRawPointer, length: Int) {
        self.base = UInt(bitPattern: base)
        self.length = length
    }

    /// Faults in `start..<start + count` on a thread of its own, started by the caller's thread, whose CPU
    /// priority it inherits. `MADV_POPULATE_WRITE` allocates the pages without writing to them, so the table's
    /// own thread may fill them meanwhile. Kernels before 5.14 refuse it, and the pages fault in as they are used.
    func prefault(start: UnsafeMutableRawPointer, count: Int) {
        state.withLock { $0.isPrefaulting = true }
        let first = UInt(bitPattern: start)
        Thread { [self] in
            var done = 0
            while done < count, !state.withLock({ $0.isReleased }) {
                let step = min(Self.step, count - done)
                guard madvise(UnsafeMutableRawPointer(bitPattern: first + UInt(done)), step, MADV_POPULATE_WRITE) == 0
                else { break }
                done += step
            }
            let mustUnmap = state.withLock { state in
                state.isPrefaulting = false
                return state.isReleased
            }
            if mustUnmap { unmap() }
        }
        .start()
    }

    func release() {
        let mustUnmap = state.withLock { state in
            state.isReleased = true
            return !state.isPrefaulting
        }
        if mustUnmap { unmap() }
    }

    private func unmap() { munmap(UnsafeMutableRawPointer(bitPattern: base), length) }
}
