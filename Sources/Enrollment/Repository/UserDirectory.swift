/// The committed directory: packed users by key plus the keys in sorted order for paging. A value: readers
/// copy it (cheaply, copy-on-write) and work from their copy while commits replace the shared one.
struct UserDirectory: Sendable {
    private(set) var records = UserTable()
    /// Every key of `records`, ascending, unless `inProgress` is set.
    private var storedKeys: [DirectoryKey] = []
    /// Set by a merge whose added keys were still being sorted: it has the keys in order once they are.
    private(set) var inProgress: SortedKeysInProgress?

    /// Every key of `records`, ascending (keys are lower-cased emails, so this is email order). After a large
    /// merge, the first to ask waits for the sort of the keys it added.
    var sortedKeys: [DirectoryKey] { inProgress?.keys ?? storedKeys }

    /// Takes the keys of a merge whose sort was in progress into `storedKeys` (waiting for it if need be).
    mutating func settleSortedKeys() {
        guard let inProgress else { return }
        storedKeys = inProgress.keys
        self.inProgress = nil
    }

    /// The number of users.
    var count: Int { records.count }

    /// The user with this key.
    func user(forKey key: DirectoryKey) -> User? { records[key]?.user }

    /// Makes room for `count` users before a snapshot load (one allocation instead of repeated growth).
    mutating func reserveCapacity(_ count: Int) {
        settleSortedKeys()
        records.reserveCapacity(count)
        storedKeys.reserveCapacity(count)
    }

    /// Inserts one user during a snapshot load (users arrive in key order; `finishLoading` repairs any other).
    mutating func insertLoaded(key: DirectoryKey, user: PackedUser) {
        settleSortedKeys()
        if records.updateValue(user, forKey: key) == nil { storedKeys.append(key) }
    }

    /// Restores the sorted order after loading when the input was not sorted.
    mutating func finishLoading() {
        settleSortedKeys()
        var sorted = true
        for i in storedKeys.indices.dropFirst() where !(storedKeys[i - 1] < storedKeys[i]) {
            sorted = false
            break
        }
        if !sorted { storedKeys.sort() }
    }

    /// Applies directory changes in order (journal replay), chunk after chunk, sorting keys once. A commit
    /// applies a run's final changes with `merge` instead.
    mutating func apply(_ chunks: [[DirectoryChange]]) {
        apply(
            chunks.joined().lazy.map { change -> (key: DirectoryKey, value: PackedUser?) in
                switch change {
                case .put(let key, let user): return (DirectoryKey(key), user)
                case .remove(let key): return (DirectoryKey(key), nil)
                }
            })
    }

    /// Applies changes in order, then brings `sortedKeys` up to date: keys a put found absent are added, keys a
    /// remove found present are removed; a key seen both ways is settled against the old sorted keys.
    mutating func apply<Changes: Sequence>(_ changes: Changes)
    where Changes.Element == (key: DirectoryKey, value: PackedUser?) {
        settleSortedKeys()
        var added: [DirectoryKey] = []
        var removed: [DirectoryKey] = []
        for (key, value) in changes {
            if let value {
                if records.updateValue(value, forKey: key) == nil { added.append(key) }
            } else if records.removeValue(forKey: key) != nil {
                removed.append(key)
            }
        }
        if !removed.isEmpty && !added.isEmpty {
            let both = Set(removed).intersection(added)
            if !both.isEmpty {
                added.removeAll { both.contains($0) }
                removed.removeAll { both.contains($0) }
                for key in both {
                    let index = insertionIndex(of: key)
                    let wasListed = index < storedKeys.count && storedKeys[index] == key
                    let isPresent = records[key] != nil
                    if wasListed && !isPresent { removed.append(key) }
                    if !wasListed && isPresent { added.append(key) }
                }
            }
        }
        updateSortedKeys(added: consume added, removed: removed, isSorted: false)
    }

    /// Applies a run's final changes: the keys of `removals` go, the users of `puts` are put (a key is in one or
    /// the other). When the run put at least as many users as the directory holds, as a first large import or an
    /// update of everyone does, the directory's users move into the run's table and that table becomes the
    /// directory: the smaller side is inserted into the larger (and a user the run replaced is only looked up,
    /// not replaced in place). `puts` is left holding what is no longer needed. `added`, when given, is finding
    /// the keys these puts add to this directory and has let go of both tables (`AddedKeys.waitForTables`); the
    /// sorted keys take them in once they are sorted (`SortedKeysInProgress`).
    mutating func merge(puts: inout UserTable, removals: Set<DirectoryKey>, added addedKeys: AddedKeys? = nil) {
        settleSortedKeys()
        var removed: [DirectoryKey] = []
        for key in removals where records.removeValue(forKey: key) != nil { removed.append(key) }
        if puts.count >= records.count {
            let runCount = puts.count
            swap(&records, &puts)
            // `puts` now holds the directory's users: those the run did not replace join the run's table. Counting
            // the others tells whether the run added any key at all; an update of everyone adds none, and is spared
            // a second look-up of every key.
            var replaced = 0
            for (key, user) in puts {
                if records[key] == nil { records[key] = user } else { replaced += 1 }
            }
            if let addedKeys {
                inProgress = SortedKeysInProgress(base: storedKeys, removed: removed, added: addedKeys)
                return
            }
            if puts.isEmpty && runCount >= AddedKeys.threadThreshold {
                // A first large import: every key is new. They are collected and sorted on a thread of their own,
                // which reads the table only until the next merge (whose `settleSortedKeys` waits for it).
                let all = AddedKeys(puts: records, directory: UserDirectory())
                inProgress = SortedKeysInProgress(base: storedKeys, removed: removed, added: all)
                return
            }
            var added: [DirectoryKey] = []
            if replaced < runCount {
                // The run's entries come first in its table (insertion order; nothing was removed since).
                for (key, _) in records.prefix(runCount) where puts[key] == nil { added.append(key) }
            }
            updateSortedKeys(added: consume added, removed: removed, isSorted: false)
        } else if let addedKeys {
            for (key, user) in puts { records[key] = user }
            inProgress = SortedKeysInProgress(base: storedKeys, removed: removed, added: addedKeys)
        } else {
            // Not reserved up front: when most puts replace users (an update of everyone), room for all of them
            // again would rehash the whole table for nothing; the table grows by doubling if they are new.
            var added: [DirectoryKey] = []
            for (key, user) in puts where records.updateValue(user, forKey: key) == nil { added.append(key) }
            updateSortedKeys(added: consume added, removed: removed, isSorted: false)
        }
    }

    /// Whether a merge of `count` puts is helped by the keys they add, found beforehand (`AddedKeys`): when the
    /// directory holds more users than the run put (each put is looked up in it). A run at least as large as the
    /// directory is merged by swapping the tables, which tells on the way whether any key was added; into an empty
    /// directory, every key is, and they are collected and sorted after the merge.
    func wantsAddedKeys(forPuts count: Int) -> Bool { !records.isEmpty && count < records.count }

    /// Brings `sortedKeys` up to date with keys newly present and keys no longer present.
    private mutating func updateSortedKeys(
        added: consuming [DirectoryKey], removed: [DirectoryKey], isSorted: Bool
    ) {
        if added.isEmpty && removed.isEmpty { return }
        if added.count + removed.count < 64 {
            for key in removed { storedKeys.remove(at: insertionIndex(of: key)) }
            for key in added { storedKeys.insert(key, at: insertionIndex(of: key)) }
            return
        }
        if !isSorted { added.sort() }
        storedKeys = Self.merging(storedKeys, added: added, removed: removed)
    }

    /// `base` (ascending) without the keys of `removed`, with those of `added` (ascending, none in `base`).
    static func merging(_ base: [DirectoryKey], added: [DirectoryKey], removed: [DirectoryKey]) -> [DirectoryKey] {
        if base.isEmpty { return added }
        let removedSet = Set(removed)
        var merged: [DirectoryKey] = []
        merged.reserveCapacity(base.count + added.count - removed.count)
        var next = added.startIndex
        for key in base where removedSet.isEmpty || !removedSet.contains(key) {
            while next < added.endIndex && added[next] < key {
                merged.append(added[next])
                next += 1
            }
            merged.append(key)
        }
        merged.append(contentsOf: added[next...])
        return merged
    }

    /// The first index of `storedKeys` whose key is not less than `key` (with no sort in progress).
    private func insertionIndex(of key: DirectoryKey) -> Int {
        var low = 0
        var high = storedKeys.count
        while low < high {
            let mid = (low + high) / 2
            if storedKeys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// A page of users in email order whose email, first or last name contains `search` ignoring ASCII case.
    func page(matching search: String, offset: Int, limit: Int) -> (users: [User], total: Int) {
        let offset = max(0, offset)
        let limit = max(0, limit)
        let sortedKeys = sortedKeys
        if search.isEmpty {
            let end = min(sortedKeys.count, offset + limit)
            let users = offset < end ? sortedKeys[offset..<end].compactMap { records[$0]?.user } : []
            return (users, sortedKeys.count)
        }
        let needle = Array(User.key(forEmail: search).utf8)
        var total = 0
        var page: [User] = []
        for key in sortedKeys {
            guard let record = records[key], record.matches(needle) else { continue }
            if total >= offset && page.count < limit { page.append(record.user) }
            total += 1
        }
        return (page, total)
    }
}
