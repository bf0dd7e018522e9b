/// The directory as one operation sees and changes it: changes staged by earlier rows are visible to later
/// rows (so Delete then New of one email works), and none is visible to anyone else before commit.
///
/// Keys come as `DirectoryKey`s, hashed where the row was read; the `String` forms wrap theirs.
public protocol UserDirectoryEditing {
    /// The user with this key, including changes staged so far.
    func user(forKey key: DirectoryKey) -> User?
    /// Whether there is a user with this key, including changes staged so far (without making the `User`).
    func containsUser(forKey key: DirectoryKey) -> Bool
    /// Stages an insert or replacement of `user` under `key`, which is `user.key` (the rules have it already).
    mutating func put(_ user: User, key: DirectoryKey)
    /// Stages the removal of the user with this key.
    mutating func remove(key: DirectoryKey)
    /// Stages the user a New row creates under `key` (`row.emailKey`): its profile cells, `.invited`, created and
    /// updated `now`. Takes the row's cells (the repository's run keeps them as the user's record, uncopied).
    mutating func putNewUser(from row: inout ImportRow, key: DirectoryKey, now: Int64)
    /// Stages what an Update row asks of the user with `key`: its non-empty profile cells replace the user's (the
    /// email keeps its spelling, the state stays) and the user is updated `now`. Returns nil when there is no such
    /// user, else whether anything changed (nothing is staged when nothing did).
    mutating func update(key: DirectoryKey, withCellsOf row: ImportRow, now: Int64) -> Bool?
}

extension UserDirectoryEditing {
    /// Whether `user(forKey:)` finds one.
    public func containsUser(forKey key: DirectoryKey) -> Bool {
        user(forKey: key) != nil
    }

    /// Puts the `User` the row describes.
    public mutating func putNewUser(from row: inout ImportRow, key: DirectoryKey, now: Int64) {
        put(User(newFrom: row, now: now), key: key)
    }

    /// Updates the `User` with this key as `PackedUser.updated(withCellsOf:now:)` has it (the one rule for both).
    public mutating func update(key: DirectoryKey, withCellsOf row: ImportRow, now: Int64) -> Bool? {
        guard let user = user(forKey: key) else { return nil }
        guard let updated = PackedUser(user).updated(withCellsOf: row, now: now) else { return false }
        put(updated.user, key: key)
        return true
    }

    /// The user with this key (see `User.key(forEmail:)`), including changes staged so far.
    public func user(forKey key: String) -> User? {
        user(forKey: DirectoryKey(key))
    }

    /// Stages an insert or replacement of `user` under `key`, which is `user.key`.
    public mutating func put(_ user: User, key: String) {
        put(user, key: DirectoryKey(key))
    }

    /// Stages the removal of the user with this key.
    public mutating func remove(key: String) {
        remove(key: DirectoryKey(key))
    }

    /// Stages an insert or replacement of `user` under its own key.
    public mutating func put(_ user: User) {
        put(user, key: user.key)
    }
}
