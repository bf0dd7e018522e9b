/// Writes the fields of a record whose size is known in advance straight into memory: the same encodings as
/// `RecordWriter` (LEB128 varints, zig-zag, length-prefixed UTF-8), without a capacity check, a uniqueness check
/// and a call per field. `RecordWriter.write(size:_:)` and `encoded(size:_:)` hand one out; add up the field
/// sizes with the `size(of…)` functions first. Writing past the size is a programmer error (checked).
public struct FieldEncoder: ~Copyable {
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    @usableFromInline let size: Int
    /// Where the next byte goes.
    @usableFromInline var position = 0
    /// Bytes written so far.
    public var written: Int { position }

    @usableFromInline
    init(_ base: UnsafeMutablePointer<UInt8>, size: Int) {
        self.base = base
        self.size = size
    }

    /// The bytes a varint of `value` takes.
    @inlinable @inline(__always)
    public static func size(ofVarUInt value: UInt64) -> Int {
        // One byte per started group of seven bits (zero takes one).
        (64 - (value | 1).leadingZeroBitCount + 6) / 7
    }

    /// The bytes a zig-zag varint of `value` takes.
    @inlinable @inline(__always)
    public static func size(ofVarInt value: Int64) -> Int {
        size(ofVarUInt: UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// The bytes a length and `count` bytes take.
    @inlinable @inline(__always)
    public static func size(ofBytes count: Int) -> Int {
        size(ofVarUInt: UInt64(count)) + count
    }

    /// The bytes a length-prefixed string takes.
    @inlinable @inline(__always)
    public static func size(ofString value: String) -> Int {
        size(ofBytes: value.utf8.count)
    }

    @inlinable @inline(__always)
    public mutating func writeByte(_ value: UInt8) {
        precondition(position < size, "a field encoder writes no more than its size")
        base[position] = value
        position += 1
    }

    @inlinable @inline(__always)
    public mutating func writeVarUInt(_ value: UInt64) {
        precondition(position + Self.size(ofVarUInt: value) <= size, "a field encoder writes no more than its size")
        var rest = value
        while rest >= 0x80 {
            base[position] = UInt8(truncatingIfNeeded: rest) | 0x80
            position += 1
            rest >>= 7
        }
        base[position] = UInt8(truncatingIfNeeded: rest)
        position += 1
    }

    @inlinable @inline(__always)
    public mutating func writeVarInt(_ value: Int64) {
        writeVarUInt(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    @inlinable @inline(__always)
    public mutating func writeCount(_ value: Int) {
        precondition(value >= 0, "counts are never negative")
        writeVarUInt(UInt64(value))
    }

    /// Writes the string's UTF-8 length and bytes: copied from the string's own storage, or from the string's
    /// inline bytes when it is small (see `withUTF8Bytes`).
    @inlinable @inline(__always)
    public mutating func writeString(_ value: String) {
        value.withUTF8Bytes { writeBytes($0) }
    }

    /// Writes a length and the bytes (the encoding of a string with these UTF-8 bytes).
    @inlinable @inline(__always)
    public mutating func writeBytes(_ utf8: UnsafeBufferPointer<UInt8>) {
        writeVarUInt(UInt64(utf8.count))
        precondition(position + utf8.count <= size, "a field encoder writes no more than its size")
        if let start = utf8.baseAddress { (base + position).update(from: start, count: utf8.count) }
        position += utf8.count
    }
}

extension RecordWriter {
    /// Appends `size` bytes that `body` writes with a `FieldEncoder`: one append for a whole record instead of one
    /// per field. `body` must write exactly `size` bytes.
    public mutating func write(size: Int, _ body: (inout FieldEncoder) -> Void) {
        writeInPlace(size) { FieldEncoder.fill($0, size: size, body) }
    }
}

extension FieldEncoder {
    /// Lets `body` write exactly `size` bytes at `start`, memory the caller allocated.
    public static func fill(_ start: UnsafeMutablePointer<UInt8>, size: Int, _ body: (inout FieldEncoder) -> Void) {
        var encoder = FieldEncoder(start, size: size)
        body(&encoder)
        precondition(encoder.written == size, "a field encoder writes exactly its size")
    }
}

extension Array where Element == UInt8 {
    /// An array of `size` bytes that `body` writes with a `FieldEncoder` (one allocation, no zeroing).
    public static func encoded(size: Int, _ body: (inout FieldEncoder) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            if size > 0 { FieldEncoder.fill(buffer.baseAddress!, size: size, body) }
            count = size
        }
    }

    /// Appends `count` bytes and lets `body` write them in place (they start as zeros; the storage grows
    /// geometrically). Nothing happens for zero bytes.
    mutating func appendInPlace(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        guard count > 0 else { return }
        if capacity - self.count < count { reserveCapacity(Swift.max(self.count + count, capacity * 2)) }
        var left = count
        while left > 0 {
            let step = Swift.min(left, zeroBytes.count)
            append(contentsOf: UnsafeRawBufferPointer(rebasing: zeroBytes[0..<step]))
            left -= step
        }
        let start = self.count - count
        withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
    }
}

/// Zeros to append from (a copy from memory is one `memcpy`; a repeated element is appended one by one).
private nonisolated(unsafe) let zeroBytes = UnsafeRawBufferPointer(
    UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 8).initializeMemory(as: UInt8.self, repeating: 0)
)
