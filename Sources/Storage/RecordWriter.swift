/// Builds a record payload: little-endian fixed integers, LEB128 varints (zig-zag for signed), length-prefixed
/// UTF-8 strings and byte runs. A value type; reuse one with `removeAll()` to avoid reallocating.
public struct RecordWriter: Sendable {
    /// The encoded bytes so far.
    public private(set) var bytes: [UInt8]

    /// Starts an empty payload with room for `capacity` bytes.
    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Forgets the bytes, keeping the storage.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Forgets the bytes after the first `count`, keeping the storage.
    public mutating func removeAll(keepingFirst count: Int) {
        bytes.removeSubrange(count...)
    }

    /// Hands over the bytes written so far and goes on, empty, in the memory of `storage` (whose contents are
    /// dropped): a buffer passed to another thread can come back for reuse instead of being reallocated.
    /// `storage` is consumed: a buffer some other value still shared would be copied, not reused.
    public mutating func exchangeStorage(_ storage: consuming [UInt8]) -> [UInt8] {
        storage.removeAll(keepingCapacity: true)
        swap(&bytes, &storage)
        return storage
    }

    /// Writes `byte` over the byte at `offset` (which must exist).
    public mutating func overwrite(at offset: Int, with byte: UInt8) {
        bytes[offset] = byte
    }

    /// Writes `value` over the bytes from `offset` on (they must exist): fills room left earlier for a head
    /// whose content is known only at the end.
    public mutating func overwrite(at offset: Int, with value: [UInt8]) {
        bytes.replaceSubrange(offset..<offset + value.count, with: value)
    }

    /// Appends one byte.
    public mutating func writeByte(_ value: UInt8) { bytes.append(value) }

    /// Appends a Boolean as one byte (0 or 1).
    public mutating func writeBool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Appends 4 bytes, little-endian.
    public mutating func writeUInt32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends 8 bytes, little-endian.
    public mutating func writeUInt64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends an unsigned LEB128 varint (1 byte below 128, at most 10).
    public mutating func writeVarUInt(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Appends a signed integer as a zig-zag varint (small magnitudes stay small).
    public mutating func writeVarInt(_ value: Int64) {
        writeVarUInt(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Appends a non-negative count or index as a varint.
    public mutating func writeCount(_ value: Int) {
        precondition(value >= 0, "counts are never negative")
        writeVarUInt(UInt64(value))
    }

    /// Appends a string as a varint byte length followed by its UTF-8 bytes.
    public mutating func writeString(_ value: String) {
        value.withUTF8Bytes { utf8 in
            writeVarUInt(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Appends bytes as they are (e.g. a value encoded before by another writer).
    public mutating func writeRaw(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    /// Appends bytes as they are, from memory of `UInt8`s the caller holds (one copy, where a raw buffer appended as
    /// a collection goes byte by byte).
    public mutating func writeRaw(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value.assumingMemoryBound(to: UInt8.self))
    }

    /// Appends raw bytes with a varint length in front.
    public mutating func writeBytes(_ value: [UInt8]) {
        writeVarUInt(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Appends `count` bytes that `body` writes in place.
    mutating func writeInPlace(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        bytes.appendInPlace(count, body)
    }
}
