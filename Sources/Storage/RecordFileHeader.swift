/// The 20-byte header every record file (log, results, snapshot) starts with:
/// `"ENRC"` · framing version u32 · file type (4 ASCII bytes) · content version u32 · CRC-32C of the 16 bytes before.
///
/// The framing version covers the frame layout `[length u32][crc32c u32][payload]`; the content version is the
/// caller's schema for the payloads. Both are checked on open; a reader may accept older content versions it can
/// still read (`oldestReadableVersion`), never newer ones.
public struct RecordFileHeader: Sendable, Equatable {
    /// The bytes every record file starts with.
    public static let magic: [UInt8] = Array("ENRC".utf8)
    /// The frame layout version this code writes and reads.
    public static let framingVersion: UInt32 = 1
    /// Size of the header in bytes; the first frame starts here.
    public static let size = 20

    /// What the file holds, 4 ASCII characters (e.g. "JRNL", "RSLT", "SNAP").
    public var fileType: String
    /// The caller's payload schema version: the one written.
    public var contentVersion: UInt32
    /// The oldest content version still read.
    public var oldestReadableVersion: UInt32

    /// A header for `fileType` (exactly 4 ASCII characters) at `contentVersion`, whose readers also accept files
    /// from `oldestReadableVersion` on (by default only `contentVersion`).
    public init(fileType: String, contentVersion: UInt32, oldestReadableVersion: UInt32? = nil) {
        precondition(fileType.utf8.count == 4, "a file type is 4 ASCII characters")
        self.fileType = fileType
        self.contentVersion = contentVersion
        self.oldestReadableVersion = min(oldestReadableVersion ?? contentVersion, contentVersion)
    }

    /// The encoded header.
    public var bytes: [UInt8] {
        var writer = RecordWriter(capacity: Self.size)
        for byte in Self.magic { writer.writeByte(byte) }
        writer.writeUInt32(Self.framingVersion)
        for byte in fileType.utf8 { writer.writeByte(byte) }
        writer.writeUInt32(contentVersion)
        writer.writeUInt32(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    /// Checks `bytes` (at least `size` of them) against this expected header; returns the file's content version.
    @discardableResult
    public func verify(_ bytes: [UInt8], path: String) throws(StorageError) -> UInt32 {
        guard bytes.count >= Self.size, Array(bytes[0..<4]) == Self.magic else { throw .notARecordFile(path: path) }
        let stored = bytes.withUnsafeBytes {
            UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        }
        guard CRC32C.checksum(Array(bytes[0..<16])) == stored else { throw .corruptHeader(path: path) }
        return try bytes.withBytes { (raw) throws(StorageError) -> UInt32 in
            var reader = RecordReader(raw)
            _ = try reader.readUInt32()
            let framing = try reader.readUInt32()
            guard framing == Self.framingVersion else {
                throw .unsupportedVersion(path: path, found: framing, supported: Self.framingVersion)
            }
            let type = String(decoding: raw[8..<12], as: UTF8.self)
            guard type == fileType else { throw .wrongFileType(path: path, expected: fileType, found: type) }
            _ = try reader.readUInt32()
            let content = try reader.readUInt32()
            guard (oldestReadableVersion...contentVersion).contains(content) else {
                throw .unsupportedVersion(path: path, found: content, supported: contentVersion)
            }
            return content
        }
    }
}
