import CSystemShims

/// CRC-32C (Castagnoli, polynomial 0x82F63B78 reflected): with the CPU's crc32 instruction where it has one
/// (x86-64 SSE 4.2, through `CSystemShims`), else slicing-by-8 with tables built once.
///
/// Used for every frame, header and snapshot of the data folder, several times per imported row.
/// `checksum("123456789") == 0xE306_9283`.
public enum CRC32C {
    /// Eight 256-entry tables, one after another; table 0 is the classic byte-at-a-time table.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[byte] = crc
        }
        for byte in 0..<256 {
            var crc = tables[byte]
            for slice in 1..<8 {
                crc = (crc >> 8) ^ tables[Int(crc & 0xFF)]
                tables[slice * 256 + byte] = crc
            }
        }
        return tables
    }()

    /// Continues a checksum: pass the result of a previous call as `previous` to checksum data in pieces.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, previous: UInt32 = 0) -> UInt32 {
        guard let pointer = bytes.baseAddress else { return previous }
        var state: UInt32 = 0
        if csys_crc32c_update(~previous, pointer, bytes.count, &state) != 0 { return ~state }
        return softwareChecksum(bytes, previous: previous)
    }

    /// `checksum(_:previous:)` computed with the tables (and what tests compare the instruction against).
    static func softwareChecksum(_ bytes: UnsafeRawBufferPointer, previous: UInt32 = 0) -> UInt32 {
        var crc = ~previous
        guard var pointer = bytes.baseAddress else { return previous }
        var remaining = bytes.count
        tables.withUnsafeBufferPointer { table in
            while remaining >= 8 {
                let low = UInt32(littleEndian: pointer.loadUnaligned(as: UInt32.self)) ^ crc
                let high = UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                crc =
                    table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                crc = (crc >> 8) ^ table[Int((crc ^ UInt32(pointer.load(as: UInt8.self))) & 0xFF)]
                pointer += 1
                remaining -= 1
            }
        }
        return ~crc
    }

    /// The checksum of a byte array.
    public static func checksum(_ bytes: [UInt8], previous: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, previous: previous) }
    }
}
