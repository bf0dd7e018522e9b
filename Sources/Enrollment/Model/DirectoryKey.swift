import Glibc
import Storage

/// A directory key (lower-cased email, see `User.key(forEmail:)`) with its hash and sort prefix computed once,
/// while its bytes are at hand: an import row carries its key made on the reading thread, so the thread applying
/// the rules does not hash it; table probes compare the stored hashes before any bytes, rehashing on growth costs
/// nothing, and sorting or searching a million keys compares two integers per step instead of reaching into each
/// key's string. The hash is Swift's seeded `Hasher` over the key's bytes, so crafted addresses cannot aim at
/// collisions.
public struct DirectoryKey: Hashable, Sendable, Comparable {
    /// The lower-cased email.
    public let string: String
    private let hash: Int
    /// The first 16 UTF-8 bytes as two big-endian integers (missing bytes zero): integer order is byte order, and
    /// a shorter key sorts before its extensions, as `String`'s `<` has it for the ASCII keys valid emails have.
    /// Corporate and generated addresses often share their first eight bytes (`user1234…`), hence sixteen.
    private let high: UInt64
    private let low: UInt64

    /// Wraps `string` (already a key, see `User.key(forEmail:)`), hashing its UTF-8 bytes once.
    public init(_ string: String) {
        self.string = string
        (hash, high, low) = string.withUTF8Bytes { bytes in
            // The bytes, not the `String`: `String.hash(into:)` would look at normalisation first. Equality and
            // order below are on the bytes too, so they agree with the hash for any key.
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { words in
                words.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(16))))
            }
            return (hasher.finalize(), UInt64(bigEndian: words.0), UInt64(bigEndian: words.1))
        }
    }

    /// Equal hashes first, then equal bytes.
    @inline(__always)
    public static func == (lhs: DirectoryKey, rhs: DirectoryKey) -> Bool {
        lhs.hash == rhs.hash && compareBytes(lhs.string, rhs.string) == 0
    }

    /// Byte order (for keys, which are ASCII, the order of `String`'s `<`): the prefixes, then (only when they are
    /// equal) the bytes. Inlined, like `==`: a sort then compares its elements in place instead of copying them in
    /// and out of each call (a retain and a release per comparison).
    @inline(__always)
    public static func < (lhs: DirectoryKey, rhs: DirectoryKey) -> Bool {
        if lhs.high != rhs.high { return lhs.high < rhs.high }
        if lhs.low != rhs.low { return lhs.low < rhs.low }
        return compareBytes(lhs.string, rhs.string) < 0
    }

    /// Negative, zero or positive as `lhs`'s UTF-8 bytes sort before, with or after `rhs`'s.
    @inline(never)
    private static func compareBytes(_ lhs: String, _ rhs: String) -> Int {
        lhs.withUTF8Bytes { left in
            rhs.withUTF8Bytes { right in
                let common = min(left.count, right.count)
                let order = common == 0 ? 0 : Int(memcmp(left.baseAddress!, right.baseAddress!, common))
                return order != 0 ? order : left.count - right.count
            }
        }
    }

    /// The stored hash, for tables that probe with it directly (`UserTable`).
    var hashBits: Int { hash }

    /// Feeds the stored hash.
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
