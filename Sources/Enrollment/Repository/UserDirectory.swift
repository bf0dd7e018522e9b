/// The committed directory: users by key plus the keys in sorted order for paging. A value: readers copy it
/// (cheaply, copy-on-write) and work from their copy while commits replace the shared one.
struct UserDirectory: Sendable {
    private(set) var users: [String: User] = [:]
    /// Every key of `users`, ascending (keys are lower-cased emails, so this is email order).
    private(set) var sortedKeys: [String] = []

    var count: Int { users.count }

    /// Makes room for `count` users before a snapshot load (one allocation instead of repeated growth).
    mutating func reserveCapacity(_ count: Int) {
        users.reserveCapacity(count)
        sortedKeys.reserveCapacity(count)
    }

    /// Loads users already in key order (from a snapshot); a key out of order falls back to sorting at the end.
    mutating func load(_ batch: [User]) {
        for user in batch {
            let key = user.key
            if users.updateValue(user, forKey: key) == nil { sortedKeys.append(key) }
        }
    }

    /// Restores the sorted order after `load` when the input was not sorted.
    mutating func finishLoading() {
        var sorted = true
        for i in sortedKeys.indices.dropFirst() where !(sortedKeys[i - 1] < sortedKeys[i]) {
            sorted = false
            break
        }
        if !sorted { sortedKeys.sort() }
    }

    /// Applies the final value per key of a commit (`nil` removes).
    mutating func apply(_ changes: [String: User?]) {
        var added: [String] = []
        var removed: Set<String> = []
        for (key, value) in changes {
            if let value {
                if users.updateValue(value, forKey: key) == nil { added.append(key) }
            } else if users.removeValue(forKey: key) != nil {
                removed.insert(key)
            }
        }
        if added.isEmpty && removed.isEmpty { return }
        added.sort()
        if added.count + removed.count < 64 {
            for key in removed { sortedKeys.remove(at: insertionIndex(of: key)) }
            for key in added { sortedKeys.insert(key, at: insertionIndex(of: key)) }
            return
        }
        var merged: [String] = []
        merged.reserveCapacity(sortedKeys.count + added.count - removed.count)
        var next = added.startIndex
        for key in sortedKeys where removed.isEmpty || !removed.contains(key) {
            while next < added.endIndex && added[next] < key {
                merged.append(added[next])
                next += 1
            }
            merged.append(key)
        }
        merged.append(contentsOf: added[next...])
        sortedKeys = merged
    }

    /// Applies an ordered list of changes (journal replay).
    mutating func apply(_ changes: [DirectoryChange]) {
        var final: [String: User?] = [:]
        final.reserveCapacity(changes.count)
        for change in changes {
            switch change {
            case .put(let user): final[user.key] = .some(user)
            case .remove(let key): final[key] = .some(nil)
            }
        }
        apply(final)
    }

    /// The first index whose key is not less than `key`.
    func insertionIndex(of key: String) -> Int {
        var low = 0
        var high = sortedKeys.count
        while low < high {
            let mid = (low + high) / 2
            if sortedKeys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// A page of users in email order whose email, first or last name contains `search` ignoring ASCII case.
    func page(matching search: String, offset: Int, limit: Int) -> (users: [User], total: Int) {
        let offset = max(0, offset)
        let limit = max(0, limit)
        if search.isEmpty {
            let end = min(sortedKeys.count, offset + limit)
            let users = offset < end ? sortedKeys[offset..<end].compactMap { self.users[$0] } : []
            return (users, sortedKeys.count)
        }
        let needle = Array(User.key(forEmail: search).utf8)
        var total = 0
        var page: [User] = []
        for key in sortedKeys {
            guard let user = users[key] else { continue }
            let hit =
                Self.contains(key, needle) || Self.contains(user.firstName, needle)
                || Self.contains(user.lastName, needle)
            guard hit else { continue }
            if total >= offset && page.count < limit { page.append(user) }
            total += 1
        }
        return (page, total)
    }

    /// Whether `text` contains `needle` (already lower-case), comparing ASCII letters without case.
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) {
                var matched = true
                for j in 0..<needle.count {
                    var byte = bytes[start + j]
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
}
