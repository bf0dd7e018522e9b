/// A directory key (lower-cased email) with its hash computed once: table probes compare the stored hashes
/// before any bytes, and rehashing on growth costs nothing. The hash is Swift's seeded `Hasher`, so crafted
/// addresses cannot aim at collisions.
struct DirectoryKey: Hashable, Sendable, Comparable {
    let string: String
    private let hash: Int

    init(_ string: String) {
        self.string = string
        hash = string.hashValue
    }

    static func == (lhs: DirectoryKey, rhs: DirectoryKey) -> Bool {
        lhs.hash == rhs.hash && lhs.string == rhs.string
    }

    static func < (lhs: DirectoryKey, rhs: DirectoryKey) -> Bool { lhs.string < rhs.string }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
