/// A directory key (lower-cased email) with its hash computed once: table probes compare the stored hashes
/// before any bytes, and rehashing on growth costs nothing. The hash is Swift's seeded `Hasher`, so crafted
/// addresses cannot aim at collisions.
struct DirectoryKey: Hashable, Sendable, Comparable {
    /// The lower-cased email.
    let string: String
    private let hash: Int

    /// Wraps `string` (already a key, see `User.key(forEmail:)`), hashing it once.
    init(_ string: String) {
        self.string = string
        hash = string.hashValue
    }

    /// Equal hashes first, then equal bytes.
    static func == (lhs: DirectoryKey, rhs: DirectoryKey) -> Bool {
        lhs.hash == rhs.hash && lhs.string == rhs.string
    }

    /// Email order.
    static func < (lhs: DirectoryKey, rhs: DirectoryKey) -> Bool { lhs.string < rhs.string }

    /// Feeds the stored hash.
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
