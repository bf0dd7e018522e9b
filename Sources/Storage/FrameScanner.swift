/// Reads the frames `[length u32][crc32c u32][payload]` of a record file in order, in chunks (never the whole
/// file), verifying each checksum. The CRC covers the 4 length bytes and the payload, so a damaged length is
/// caught too.
///
/// Scanning stops at the first frame that is cut short or fails its checksum; `Outcome` says where.
public struct FrameScanner {
    /// Bytes read per `pread`; a frame larger than this grows the buffer for that frame only.
    public static let chunkSize = 1 << 20

    /// How a scan ended.
    public enum Outcome: Sendable, Equatable {
        /// Every byte up to the end of the file was whole frames.
        case clean(end: Int64)
        /// Bytes from `offset` on are not a whole, valid frame; `reason` says why.
        case damaged(offset: Int64, reason: String)

        /// The end of the last good frame.
        public var validEnd: Int64 {
            switch self {
            case .clean(let end): return end
            case .damaged(let offset, _): return offset
            }
        }
    }

    /// The bytes of one frame header for `payload`.
    static func frameHeader(for payload: UnsafeRawBufferPointer) -> (length: UInt32, crc: UInt32) {
        let length = UInt32(payload.count)
        let lengthCRC = withUnsafeBytes(of: length.littleEndian) { CRC32C.checksum($0) }
        return (length, CRC32C.checksum(payload, previous: lengthCRC))
    }

    /// Scans `fd` from `start` to `end`, calling `body` with each verified payload and the frame's offset.
    /// The payload bytes are only valid during the call.
    public static func scan(
        fd: Int32, path: String, from start: Int64, to end: Int64,
        _ body: (UnsafeRawBufferPointer, Int64) throws(StorageError) -> Void
    ) throws(StorageError) -> Outcome {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var bufferStart = start  // file offset of buffer[0]
        var filled = 0
        var offset = start
        while offset < end {
            var local = Int(offset - bufferStart)
            // Make sure the 8-byte frame header is in the buffer.
            if filled - local < 8 {
                try refill(
                    fd: fd, path: path, buffer: &buffer, bufferStart: &bufferStart, filled: &filled,
                    keepFrom: offset, need: 8, end: end)
                local = 0
                if filled < 8 { return .damaged(offset: offset, reason: "frame header cut short") }
            }
            let (length, stored) = buffer.withUnsafeBytes {
                (
                    UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: local, as: UInt32.self)),
                    UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: local + 4, as: UInt32.self))
                )
            }
            guard Int(length) <= RecordLog.maximumRecordLength else {
                return .damaged(offset: offset, reason: "frame length \(length) exceeds the limit")
            }
            let frameSize = 8 + Int(length)
            if offset + Int64(frameSize) > end { return .damaged(offset: offset, reason: "frame cut short") }
            if filled - local < frameSize {
                try refill(
                    fd: fd, path: path, buffer: &buffer, bufferStart: &bufferStart, filled: &filled,
                    keepFrom: offset, need: frameSize, end: end)
                local = 0
                if filled < frameSize { return .damaged(offset: offset, reason: "frame cut short") }
            }
            let frameOffset = offset
            let isValid = try buffer.withBytes { (raw) throws(StorageError) -> Bool in
                let payload = UnsafeRawBufferPointer(rebasing: raw[local + 8..<local + frameSize])
                guard frameHeader(for: payload).crc == stored else { return false }
                try body(payload, frameOffset)
                return true
            }
            if !isValid { return .damaged(offset: offset, reason: "checksum mismatch") }
            offset += Int64(frameSize)
        }
        return .clean(end: offset)
    }

    /// Moves the unread bytes from `keepFrom` to the front and reads more, growing the buffer to hold `need`.
    private static func refill(
        fd: Int32, path: String, buffer: inout [UInt8], bufferStart: inout Int64, filled: inout Int,
        keepFrom: Int64, need: Int, end: Int64
    ) throws(StorageError) {
        let keep = Int(keepFrom - bufferStart)
        let kept = max(0, filled - keep)
        if kept > 0 && keep > 0 {
            buffer.withUnsafeMutableBytes { raw in
                raw.baseAddress!.copyMemory(from: raw.baseAddress! + keep, byteCount: kept)
            }
        }
        if buffer.count < need { buffer.append(contentsOf: repeatElement(0, count: need - buffer.count)) }
        bufferStart = keepFrom
        filled = kept
        let want = min(buffer.count - kept, Int(end - (keepFrom + Int64(kept))))
        if want <= 0 { return }
        let got = try buffer.withMutableBytes { (raw) throws(StorageError) -> Int in
            try FileSystem.read(
                fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[kept...]), count: want,
                at: keepFrom + Int64(kept), path: path)
        }
        filled += got
    }
}
