/// Reads what `RecordWriter` wrote, from borrowed bytes; every read checks bounds and throws
/// `StorageError.malformedRecord` instead of trapping on a damaged or foreign payload.
///
/// The bytes are borrowed: use the reader only inside the closure that lent them.
///
/// The reads of varints, counts, strings and bytes are inlinable: decoding a user or a row result is a dozen of them,
/// and as calls into this module they cost more than the reading.
public struct RecordReader {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var next = 0

    /// Reads from `bytes`, which must stay valid while the reader is used.
    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The index of the next unread byte.
    @inlinable public var position: Int { next }

    /// Whether every byte was read.
    public var isAtEnd: Bool { position >= bytes.count }

    @inlinable
    mutating func take(_ count: Int) throws(StorageError) -> Int {
        guard count >= 0, count <= bytes.count - next else { throw shortRead(count) }
        defer { next += count }
        return next
    }

    /// The error for `count` bytes wanted where fewer are left (kept out of the inlined reads).
    @usableFromInline
    func shortRead(_ count: Int) -> StorageError {
        .malformedRecord(reason: "needs \(count) bytes at \(next), has \(bytes.count - next)")
    }

    /// Reads one byte.
    @inlinable
    public mutating func readByte() throws(StorageError) -> UInt8 { bytes[try take(1)] }

    /// Reads a Boolean byte; anything but 0 or 1 is malformed.
    public mutating func readBool() throws(StorageError) -> Bool {
        switch try readByte() {
        case 0: return false
        case 1: return true
        case let other: throw .malformedRecord(reason: "Boolean byte \(other)")
        }
    }

    /// Reads 4 little-endian bytes.
    public mutating func readUInt32() throws(StorageError) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(4), as: UInt32.self))
    }

    /// Reads 8 little-endian bytes.
    public mutating func readUInt64() throws(StorageError) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8), as: UInt64.self))
    }

    /// Reads an unsigned LEB128 varint of at most 10 bytes.
    @inlinable
    public mutating func readVarUInt() throws(StorageError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw Self.overflow }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// Reads a zig-zag varint.
    @inlinable
    public mutating func readVarInt() throws(StorageError) -> Int64 {
        let raw = try readVarUInt()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a count written by `writeCount`; values above `Int32.max` are malformed.
    @inlinable
    public mutating func readCount() throws(StorageError) -> Int {
        let raw = try readVarUInt()
        guard raw <= UInt64(Int32.max) else { throw Self.countOutOfRange(raw) }
        return Int(raw)
    }

    @usableFromInline static let overflow = StorageError.malformedRecord(reason: "varint overflows 64 bits")

    @usableFromInline
    static func countOutOfRange(_ raw: UInt64) -> StorageError {
        .malformedRecord(reason: "count \(raw) out of range")
    }

    /// Reads a length-prefixed UTF-8 string (invalid UTF-8 is repaired, never trusted).
    @inlinable
    public mutating func readString() throws(StorageError) -> String {
        let count = try readCount()
        if count == 0 { return "" }
        let start = try take(count)
        let source = UnsafeRawBufferPointer(rebasing: bytes[start..<start + count])
        // Written into the string's own storage, which validates (and repairs) as it takes the bytes: cheaper than
        // `String(decoding:as:)`, which goes through a general repairing path for every string.
        return String(unsafeUninitializedCapacity: count) { buffer in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            return count
        }
    }

    /// Skips `count` bytes.
    @inlinable
    public mutating func skipBytes(_ count: Int) throws(StorageError) {
        _ = try take(count)
    }

    /// Skips a length-prefixed string or byte run without copying it.
    @inlinable
    public mutating func skipString() throws(StorageError) {
        _ = try take(try readCount())
    }

    /// Calls `body` with the bytes from `start` to the position, already read (e.g. to keep a whole encoded value
    /// in storage of the caller's choice).
    public func withBytes<Result>(from start: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        precondition(0 <= start && start <= position, "only bytes already read")
        return body(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
    }

    /// Reads a length-prefixed byte run.
    public mutating func readBytes() throws(StorageError) -> [UInt8] {
        let count = try readCount()
        let start = try take(count)
        return [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]))
    }
}
