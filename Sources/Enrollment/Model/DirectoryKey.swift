import Glibc
import Storage

/// A directory key (lower-cased email, see `User.key(forEmail:)`) with its hash computed once, while its bytes are
/// at hand: an import row carries its key made on the reading thread, so the thread applying the rules does not
/// hash it; table probes compare the stored hashes before any bytes, and rehashing on growth costs nothing. The
/// hash of a key held in its words mixes them with a secret drawn at start (`WordHashSeed`), two 128-bit
/// multiplies; a longer key goes through Swift's seeded `Hasher`. Either way crafted addresses cannot aim at
/// collisions without the process's secret.
///
/// A key of up to `inlineCount` bytes is held in the key itself, three big-endian words: no allocation, and a
/// million users do not keep a string each beside the records that hold the same addresses (64 bytes a user).
/// Sorting or searching compares the words, which is byte order. A longer key, or one holding a zero byte (which
/// the words' zero padding could not tell from a shorter key), also keeps all its bytes in an allocation of its
/// own (`spilled`), read only when the words tie.
public struct DirectoryKey: Hashable, @unchecked Sendable, Comparable {
    // `@unchecked`: `spilled` is made in `init` and never written again.
    private let hash: Int
    /// The first 24 bytes as big-endian integers, missing bytes zero: integer order is byte order, and a shorter
    /// key sorts before its extensions, as `String`'s `<` has it for the ASCII keys valid emails have.
    private let word0: UInt64
    private let word1: UInt64
    private let word2: UInt64
    /// Every byte of a key the words do not hold alone; nil when they do.
    private let spilled: PackedBytes?

    /// The most bytes a key holds without an allocation of its own.
    static let inlineCount = 24

    /// Wraps `string` (already a key, see `User.key(forEmail:)`), hashing its UTF-8 bytes once.
    public init(_ string: String) {
        self = string.withUTF8Bytes { DirectoryKey(bytes: $0) }
    }

    /// The key of `email` (`User.key(forEmail:)`), made from its bytes without a lower-cased copy as a `String`.
    public init(forEmail email: String) {
        self = email.withUTF8Bytes { DirectoryKey(forEmailBytes: $0) }
    }

    /// The key of the email whose UTF-8 bytes these are: ASCII letters lower-cased, everything else kept.
    init(forEmailBytes bytes: UnsafeBufferPointer<UInt8>) {
        // Every byte, without an early exit: addresses are short, and most hold no capital.
        var upperCase = false
        for byte in bytes { upperCase = upperCase || User.isUpperCaseASCII(byte) }
        guard upperCase else {
            self.init(bytes: bytes)
            return
        }
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { lowered in
            for index in 0..<bytes.count {
                lowered.initializeElement(at: index, to: User.lowerCasedASCII(bytes[index]))
            }
            return DirectoryKey(bytes: UnsafeBufferPointer(lowered))
        }
    }

    /// The key whose bytes these are.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let held = min(bytes.count, Self.inlineCount)
        if held > 0 {
            withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: held) }
        }
        let fits = bytes.count <= Self.inlineCount && (held == 0 || memchr(bytes.baseAddress!, 0, held) == nil)
        // The bytes, not a `String`: `String.hash(into:)` would look at normalisation first. A key held in its
        // words hashes them (they determine its bytes, and keys held so never equal keys that spill); equality and
        // order below are on the bytes too, so they agree with the hash for any key.
        if fits {
            hash = WordHashSeed.hash(words.0, words.1, words.2)
        } else {
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            hash = hasher.finalize()
        }
        (word0, word1, word2) = (UInt64(bigEndian: words.0), UInt64(bigEndian: words.1), UInt64(bigEndian: words.2))
        spilled = fits ? nil : PackedBytes.make(copying: UnsafeRawBufferPointer(bytes))
    }

    /// The key as a string (lower-cased email).
    public var string: String {
        withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the key's bytes.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let spilled { return spilled.withBytes { body($0.assumingMemoryBound(to: UInt8.self)) } }
        var words = (word0.bigEndian, word1.bigEndian, word2.bigEndian)
        return withUnsafeBytes(of: &words) { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            // Held in the words alone, the key has no zero byte: the first one ends it.
            return body(UnsafeBufferPointer(rebasing: bytes[..<(bytes.firstIndex(of: 0) ?? bytes.count)]))
        }
    }

    /// Equal hashes and words first, then (only for keys that spilled) equal bytes. A key held in its words and
    /// one that spilled never have the same bytes.
    @inline(__always)
    public static func == (lhs: DirectoryKey, rhs: DirectoryKey) -> Bool {
        guard lhs.hash == rhs.hash && lhs.word0 == rhs.word0 && lhs.word1 == rhs.word1 && lhs.word2 == rhs.word2
        else { return false }
        if lhs.spilled == nil && rhs.spilled == nil { return true }
        return compareSpilled(lhs, rhs) == 0
    }

    /// Byte order (for keys, which are ASCII, the order of `String`'s `<`): the words, then (only when they tie and
    /// a key spilled) the bytes. Inlined, like `==`: a sort then compares its elements in place instead of
    /// copying them in and out of each call.
    @inline(__always)
    public static func < (lhs: DirectoryKey, rhs: DirectoryKey) -> Bool {
        if lhs.word0 != rhs.word0 { return lhs.word0 < rhs.word0 }
        if lhs.word1 != rhs.word1 { return lhs.word1 < rhs.word1 }
        if lhs.word2 != rhs.word2 { return lhs.word2 < rhs.word2 }
        if lhs.spilled == nil && rhs.spilled == nil { return false }
        return compareSpilled(lhs, rhs) < 0
    }

    /// Negative, zero or positive as `lhs`'s bytes sort before, with or after `rhs`'s.
    @inline(never)
    private static func compareSpilled(_ lhs: DirectoryKey, _ rhs: DirectoryKey) -> Int {
        lhs.withBytes { left in
            rhs.withBytes { right in
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

/// The secret of the hash of keys held in their words: drawn once a process from the system's generator.
///
/// SipHash (Swift's `Hasher`) over three words cost ~200 instructions a row; this is a wyhash-style mix (two
/// 128-bit multiplies folded to 64 bits), whose low bits, which `UserTable` keeps, depend on every input bit.
/// Without the secret, which never leaves the process, an address cannot be chosen to collide.
private struct WordHashSeed: Sendable {
    let s0: UInt64
    let s1: UInt64
    let s2: UInt64
    let s3: UInt64

    static let shared: WordHashSeed = {
        var generator = SystemRandomNumberGenerator()
        return WordHashSeed(s0: generator.next(), s1: generator.next(), s2: generator.next(), s3: generator.next())
    }()

    /// The hash of a key's three words.
    @inline(__always)
    static func hash(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64) -> Int {
        let seed = shared
        let first = mix(w0 ^ seed.s0, w1 ^ seed.s1)
        return Int(truncatingIfNeeded: mix(first ^ seed.s2, w2 ^ seed.s3))
    }

    /// The two halves of the full product, folded.
    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }
}
