/// Immutable bytes in one allocation: the object, its byte count, then the bytes. They are written only inside
/// `make` and `append`, before anyone else can see the object (`ManagedBuffer` cannot be `Sendable`; `PackedUser`
/// and `RowCells` vouch).
///
/// The directory holds one of these per user, so their cost is paid a million times by a large import and again by
/// a cold start. `[UInt8]` goes through the standard library's unspecialised allocation path, which looks up its
/// storage class each time (about 650 instructions); this final class is allocated by `swift_allocObject` alone,
/// and it is 8 bytes smaller (no capacity field).
final class PackedBytes: ManagedBuffer<Int, UInt8> {
    /// New bytes of `count`, written by `initialize` (which must write all of them).
    static func make(count: Int, _ initialize: (UnsafeMutablePointer<UInt8>) -> Void) -> PackedBytes {
        make(count: count, capacity: count, initialize)
    }

    /// New bytes of `count` in memory with room for at least `capacity` (≥ `count`), written by `initialize`; the
    /// room after them is for `append`.
    static func make(count: Int, capacity: Int, _ initialize: (UnsafeMutablePointer<UInt8>) -> Void) -> PackedBytes {
        let made = unsafeDowncast(create(minimumCapacity: capacity) { _ in count }, to: PackedBytes.self)
        made.withUnsafeMutablePointerToElements { initialize($0) }
        return made
    }

    /// Adds `count` bytes that `write` writes at the end, if they fit in the object's memory; returns whether
    /// they did. Only for the object's one owner, before it shares the object (a holder of the bytes would see
    /// them change): callers check `isKnownUniquelyReferenced` first.
    func append(count: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Void) -> Bool {
        withUnsafeMutablePointers { used, start in
            guard used.pointee + count <= capacity else { return false }
            write(start + used.pointee)
            used.pointee += count
            return true
        }
    }

    /// A copy of `source`.
    static func make(copying source: UnsafeRawBufferPointer) -> PackedBytes {
        make(count: source.count) { start in
            if let base = source.baseAddress {
                start.update(from: base.assumingMemoryBound(to: UInt8.self), count: source.count)
            }
        }
    }

    /// The number of bytes.
    var count: Int {
        // Through the pointer: the `header` property costs a dynamic exclusivity check on every read.
        withUnsafeMutablePointerToHeader { $0.pointee }
    }

    /// Calls `body` with the bytes.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withUnsafeMutablePointers { count, start in
            try body(UnsafeRawBufferPointer(start: start, count: count.pointee))
        }
    }

    /// Whether both hold the same bytes.
    func hasSameBytes(as other: PackedBytes) -> Bool {
        guard count == other.count else { return false }
        return withBytes { mine in other.withBytes { theirs in mine.elementsEqual(theirs) } }
    }
}
