/// The directory as one operation sees and changes it: changes staged by earlier rows are visible to later
/// rows (so Delete then New of one email works), and none is visible to anyone else before commit.
public protocol UserDirectoryEditing {
    /// The user with this key (see `User.key(forEmail:)`), including changes staged so far.
    func user(forKey key: String) -> User?
    /// Stages an insert or replacement of `user` under `key`, which is `user.key` (the rules have it already).
    mutating func put(_ user: User, key: String)
    /// Stages the removal of the user with this key.
    mutating func remove(key: String)
}

extension UserDirectoryEditing {
    /// Stages an insert or replacement of `user` under its own key.
    public mutating func put(_ user: User) {
        put(user, key: user.key)
    }
}
