/// Immutable bytes in one allocation: the object, its byte count, then the bytes. They are written only inside
/// `make`, before anyone else can see the object (`ManagedBuffer` cannot be `Sendable`; `PackedUser` vouches).
///
/// The directory holds one of these per user, so their cost is paid a million times by a large import and again by
/// a cold start. `[UInt8]` goes through the standard library's unspecialised allocation path, which looks up its
/// storage class each time (about 650 instructions); this final class is allocated by `swift_allocObject` alone,
/// and it is 8 bytes smaller (no capacity field).
final class PackedBytes: ManagedBuffer<Int, UInt8> {
    /// New bytes of `count`, written by `initialize` (which must write all of them).
    static func make(count: Int, _ initialize: (UnsafeMutablePointer<UInt8>) -> Void) -> PackedBytes {
        let made = unsafeDowncast(create(minimumCapacity: count) { _ in count }, to: PackedBytes.self)
        made.withUnsafeMutablePointerToElements { initialize($0) }
        return made
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
