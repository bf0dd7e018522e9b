import Storage

/// A directory key (lower-cased email, see `User.key(forEmail:)`) with its hash and sort prefix computed once,
/// while its bytes are at hand: an import row carries its key made on the reading thread, so the thread applying
/// the rules does not hash it; table probes compare the stored hashes before any bytes, rehashing on growth costs
/// nothing, and sorting or searching a million keys compares two integers per step instead of reaching into each
/// key's string. The hash is Swift's seeded `Hasher`, so crafted addresses cannot aim at collisions.
public struct DirectoryKey: Hashable, Sendable, Comparable {
    /// The lower-cased email.
    public let string: String
    private let hash: Int
    /// The first 16 UTF-8 bytes as two big-endian integers (missing bytes zero): integer order is byte order, and
    /// a shorter key sorts before its extensions, as `String`'s `<` has it for the ASCII keys valid emails have.
    /// Corporate and generated addresses often share their first eight bytes (`user1234…`), hence sixteen.
    private let high: UInt64
    private let low: UInt64

    /// Wraps `string` (already a key, see `User.key(forEmail:)`), hashing it once.
    public init(_ string: String) {
        self.string = string
        hash = string.hashValue
        (high, low) = string.withUTF8Bytes { bytes in
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { words in
                words.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(16))))
            }
            return (UInt64(bigEndian: words.0), UInt64(bigEndian: words.1))
        }
    }

    /// Equal hashes first, then equal bytes.
    public static func == (lhs: DirectoryKey, rhs: DirectoryKey) -> Bool {
        lhs.hash == rhs.hash && lhs.string == rhs.string
    }

    /// Email order: the prefixes, then (only when they are equal) the strings.
    public static func < (lhs: DirectoryKey, rhs: DirectoryKey) -> Bool {
        if lhs.high != rhs.high { return lhs.high < rhs.high }
        if lhs.low != rhs.low { return lhs.low < rhs.low }
        return lhs.string < rhs.string
    }

    /// The stored hash, for tables that probe with it directly (`UserTable`).
    var hashBits: Int { hash }

    /// Feeds the stored hash.
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
